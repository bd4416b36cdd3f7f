import { useState, type FocusEvent, type KeyboardEvent } from 'react';

const STEP: Record<string, number | 'first' | 'last'> = {
  ArrowRight: 1,
  ArrowDown: 1,
  ArrowLeft: -1,
  ArrowUp: -1,
  Home: 'first',
  End: 'last',
};

/**
 * One tab stop per chart instead of one per mark: the chart's marks form a roving group (the
 * WAI-ARIA pattern), so Tab moves past a chart of fifty points in one press while the arrow keys,
 * Home and End walk its marks in reading order and Escape dismisses the tooltip. The mark last
 * focused keeps the tab stop, so coming back returns to it.
 *
 * Spread `markProps(i, onFocus)` on each focusable mark (numbered in DOM order) and `onKeyDown`
 * on the element that contains them.
 */
export function useRovingFocus(count: number, onEscape?: () => void) {
  const [active, setActive] = useState(0);
  const current = Math.min(active, Math.max(0, count - 1));
  const onKeyDown = (e: KeyboardEvent<Element>) => {
    if (e.key === 'Escape') {
      onEscape?.();
      return;
    }
    const step = STEP[e.key];
    if (step === undefined) return;
    const marks = [...e.currentTarget.querySelectorAll<SVGElement | HTMLElement>('[data-mark]')];
    const i = marks.findIndex((m) => m === document.activeElement);
    if (i < 0) return;
    e.preventDefault();
    const next = step === 'first' ? 0 : step === 'last' ? marks.length - 1 : Math.max(0, Math.min(marks.length - 1, i + step));
    marks[next]?.focus();
  };
  const markProps = (i: number, onFocus?: (e: FocusEvent<Element>) => void) => ({
    'data-mark': i,
    tabIndex: i === current ? 0 : -1,
    onFocus: (e: FocusEvent<Element>) => {
      setActive(i);
      onFocus?.(e);
    },
  });
  return { onKeyDown, markProps };
}
