import type { OpennessGrade } from '@dash/domain';
import type { BandStyle } from '../../charts/stacked/stacked-chart';
import type { CampKey } from './camps';

/*
 * One purple ramp, dark = most open, light = least, so the order reads without colour vision
 * (lightness survives every kind of colour blindness) and never collides with the Okabe–Ito vendor
 * colours. "Not classified" is dotted grey and the remainder hatched grey, so neither passes for a
 * camp; every band also carries a text label where it fits, and the legend repeats the swatches.
 */
const OPEN = '#54278F';
const MIXED = '#9E9AC8';
const CLOSED = '#DADAEB';

export const CAMP_STYLES: Record<CampKey, BandStyle> = {
  open: { fill: OPEN, text: '#ffffff' },
  mixed: { fill: MIXED, text: '#1d1d1d' },
  closed: { fill: CLOSED, text: '#1d1d1d' },
  'not-classified': { fill: '#eeeeee', text: '#1d1d1d', pattern: 'dots' },
  'open-weights': { fill: OPEN, text: '#ffffff' },
  'api-only': { fill: CLOSED, text: '#1d1d1d' },
};

export const campStyle = (key: string): BandStyle => CAMP_STYLES[key as CampKey] ?? CAMP_STYLES['not-classified'];

/** Short grade names for badges and counts; the full label goes in the title. */
export const GRADE_SHORT: Record<OpennessGrade, string> = {
  'open-permissive': 'Open weights · permissive',
  'open-restricted': 'Open weights · restricted',
  'open-unstated': 'Open weights · licence not stated',
  'api-only': 'API only',
  unreleased: 'Unreleased',
};

export const GRADE_COUNT_NAMES: Record<OpennessGrade, string> = {
  'open-permissive': 'permissive',
  'open-restricted': 'restricted',
  'open-unstated': 'licence not stated',
  'api-only': 'API only',
  unreleased: 'unreleased',
};
