import { useEffect, useState } from 'react';

/**
 * A labelled whole-number input that keeps what the user types, reports only valid values, and
 * says what is wrong otherwise (so the URL and the estimate never hold a bad workload).
 */
export function NumberField({
  id,
  label,
  value,
  onChange,
  max,
  placeholder,
  decimals = false,
  optional = false,
  unit,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  max: number;
  placeholder?: string;
  decimals?: boolean;
  optional?: boolean;
  unit?: string;
}) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const pattern = decimals ? /^\d{1,3}(?:\.\d{1,2})?$/ : /^\d{1,13}$/;
  const clean = text.replace(/[,\s_]/g, '');
  const error =
    clean === ''
      ? optional
        ? null
        : 'enter a number'
      : !pattern.test(clean)
        ? decimals
          ? 'a number like 25 or 12.5'
          : 'a whole number'
        : Number(clean) > max
          ? `at most ${max.toLocaleString('en-US')}`
          : null;
  return (
    <label className="field workload-field" htmlFor={id}>
      <span>{label}</span>
      <span className="input-unit">
        <input
          id={id}
          inputMode={decimals ? 'decimal' : 'numeric'}
          value={text}
          placeholder={placeholder}
          aria-invalid={error !== null}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => {
            setText(e.target.value);
            const next = e.target.value.replace(/[,\s_]/g, '');
            const ok = next === '' ? optional : pattern.test(next) && Number(next) <= max;
            if (ok) onChange(next);
          }}
        />
        {unit ? <span className="unit">{unit}</span> : null}
      </span>
      {error ? (
        <span className="field-error" id={`${id}-error`} role="alert">
          {error}
        </span>
      ) : null}
    </label>
  );
}
