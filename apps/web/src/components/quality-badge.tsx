import { SOURCE_QUALITY_LABELS, type SourceQuality } from '@dash/domain';

/** A small marker of a source's quality, explained on hover and to screen readers. */
export function QualityBadge({ quality }: { quality: SourceQuality }) {
  return (
    <span
      className={`quality quality-${quality}`}
      title={SOURCE_QUALITY_LABELS[quality]}
      aria-label={`source quality: ${SOURCE_QUALITY_LABELS[quality]}`}
    >
      {quality}
    </span>
  );
}
