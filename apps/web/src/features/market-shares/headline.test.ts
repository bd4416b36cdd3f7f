import { describe, expect, it } from 'vitest';
import { summarizeSnapshot } from '@dash/domain';
import { fig } from '../../test/figures';
import { headlineFor } from './headline';

const market = { name: 'China AI cloud services' };

describe('headlineFor', () => {
  it('names the leader, its share, the publisher and the period', () => {
    const snap = summarizeSnapshot([
      fig({ subject: 'Volcano Engine', pct: '14.8', period: '2025H1' }),
      fig({ subject: 'Alibaba Cloud', pct: '35.8', period: '2025H1' }),
    ]);
    expect(headlineFor(snap, market, '2025H1')).toBe(
      'Alibaba Cloud leads China AI cloud services with 35.8% (Omdia, 2025 H1)',
    );
  });

  it('does not crown a leader when the top two are level', () => {
    const snap = summarizeSnapshot([
      fig({ subject: 'Huawei Cloud', pct: '19', period: '2023Q3', publisher: 'Canalys' }),
      fig({ subject: 'Tencent Cloud', pct: '19', period: '2023Q3', publisher: 'Canalys' }),
    ]);
    expect(headlineFor(snap, market, '2023Q3')).toBe(
      'Huawei Cloud (19%) and Tencent Cloud (19%) are level in China AI cloud services (Canalys, 2023 Q3)',
    );
  });

  it('states a combined figure as a combined figure', () => {
    const snap = summarizeSnapshot([
      fig({
        subject: 'AWS + Microsoft Azure + Google Cloud',
        pct: '71',
        period: '2024',
        kind: 'group',
        vendorIds: ['aws', 'azure', 'gcp'],
        publisher: 'Gartner',
      }),
    ]);
    expect(headlineFor(snap, { name: 'Global public cloud IaaS' }, '2024')).toBe(
      'AWS + Microsoft Azure + Google Cloud together held 71% of Global public cloud IaaS (Gartner, 2024)',
    );
  });

  it('gives the range when sources disagree about the leader', () => {
    const snap = summarizeSnapshot([
      fig({
        subject: 'Alibaba Cloud',
        pct: '39.8',
        period: '2021Q3',
        url: 'https://a.example/1',
        publisher: 'Canalys',
      }),
      fig({
        subject: 'Alibaba Cloud',
        pct: '38.3',
        period: '2021Q3',
        url: 'https://b.example/2',
        publisher: 'Canalys',
      }),
      fig({ subject: 'Huawei Cloud', pct: '18.8', period: '2021Q3', publisher: 'Canalys' }),
    ]);
    expect(headlineFor(snap, market, '2021Q3')).toBe(
      'Alibaba Cloud leads China AI cloud services with 38.3–39.8% (Canalys, 2021 Q3)',
    );
  });
});
