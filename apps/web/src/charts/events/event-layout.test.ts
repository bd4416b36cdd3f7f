import { describe, expect, it } from 'vitest';
import { eventExportNotes, placeEvents, type ChartEvent } from './event-layout';

const ev = (p: Partial<ChartEvent> & Pick<ChartEvent, 'id' | 'start'>): ChartEvent => ({
  end: p.start,
  precision: 'day',
  dateText: p.start,
  title: `Event ${p.id}`,
  kind: 'pricing',
  vendors: 'Alibaba',
  source: 'example.org (press)',
  ...p,
});

// 2024-01-01 → 0 px, 1 px per day.
const t0 = Date.parse('2024-01-01T00:00:00Z');
const x = (t: number) => (t - t0) / 864e5;

describe('placeEvents', () => {
  it('draws an exact day at its day and a month-dated event across its month, never at an exact day', () => {
    const marks = placeEvents(
      [
        ev({ id: 'a', start: '2024-05-15' }),
        ev({ id: 'b', start: '2024-09-01', end: '2024-09-30', precision: 'month', dateText: 'Sep 2024' }),
      ],
      x,
      [0, 1000],
    );
    expect(marks).toHaveLength(2);
    const [day, month] = marks;
    expect(day!.x0).toBe(day!.x1);
    expect(day!.x).toBeCloseTo(x(Date.parse('2024-05-15T12:00:00Z')));
    expect(month!.x0).toBe(x(Date.parse('2024-09-01T00:00:00Z')));
    expect(month!.x1).toBe(x(Date.parse('2024-10-01T00:00:00Z')));
    expect(month!.description).toContain('Sep 2024 (sometime that month)');
  });

  it('marks approximate dates as such and numbers markers in date order', () => {
    const marks = placeEvents(
      [ev({ id: 'late', start: '2024-12-01', end: '2024-12-31', precision: 'approx', dateText: 'c. Dec 2024' }), ev({ id: 'early', start: '2024-02-01' })],
      x,
      [0, 1000],
    );
    expect(marks.map((m) => [m.number, m.events[0]!.id, m.approx])).toEqual([
      [1, 'early', false],
      [2, 'late', true],
    ]);
    expect(marks[1]!.description).toContain('approximate date');
  });

  it('merges events closer than the gap into one marker and leaves out events off the axis', () => {
    const marks = placeEvents(
      [ev({ id: 'a', start: '2024-05-15' }), ev({ id: 'b', start: '2024-05-21' }), ev({ id: 'c', start: '2023-01-01' }), ev({ id: 'd', start: '2027-01-01' })],
      x,
      [0, 1000],
      16,
    );
    expect(marks).toHaveLength(1);
    expect(marks[0]!.events.map((e) => e.id)).toEqual(['a', 'b']);
    expect(marks[0]!.description).toMatch(/^Event 1 \(2 events\)/);
    expect(eventExportNotes(marks)).toEqual([
      expect.stringContaining('Events marked'),
      '1 · 2024-05-15 · Event a (example.org (press))',
      '1 · 2024-05-21 · Event b (example.org (press))',
    ]);
  });
});
