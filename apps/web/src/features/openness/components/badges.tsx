import type { OpennessGrade } from '@dash/domain';
import { CAMP_SHORT_NAMES, type CampKey } from '../camps';
import { GRADE_SHORT } from '../camp-style';

/** A release's graded openness as a labelled badge: the words carry it, the colour only repeats it. */
export function GradeBadge({ grade, label }: { grade: OpennessGrade; label: string }) {
  return (
    <span className={`grade grade-${grade}`} title={label}>
      {GRADE_SHORT[grade]}
    </span>
  );
}

/** A company's or family's camp (strategy, or the binary class) as a labelled badge. */
export function CampBadge({ camp, what, title }: { camp: CampKey; what: 'company' | 'family'; title?: string }) {
  return (
    <span className={`camp camp-${camp}`} title={title}>
      <span className="visually-hidden">{what === 'company' ? 'Strategy: ' : 'Family: '}</span>
      {CAMP_SHORT_NAMES[camp]}
    </span>
  );
}
