import { useId, useMemo, useState } from 'react';
import type { VendorsResponse } from '@dash/domain';

interface Option {
  id: string;
  label: string;
  detail: string;
  color: string;
}

/**
 * The compared companies and vendors as removable chips, plus a search box that lists matching
 * companies (all their vendors and models) and single vendors by name or alias. Keeps at least two.
 */
export function EntityPicker({
  reference,
  selected,
  onChange,
}: {
  reference: VendorsResponse;
  selected: readonly string[];
  onChange: (ids: string[]) => void;
}) {
  const [text, setText] = useState('');
  const listId = useId();
  const options = useMemo<Option[]>(() => {
    const companies = reference.companies
      .filter((c) => reference.data.some((v) => v.parentId === c.id))
      .map((c) => ({
        id: c.id,
        label: c.name,
        detail: `company: ${reference.data
          .filter((v) => v.parentId === c.id)
          .map((v) => v.name)
          .join(', ')}`,
        color: c.color,
      }));
    const vendors = reference.data
      .filter((v) => !companies.some((c) => c.id === v.id))
      .map((v) => ({
        id: v.id,
        label: v.name,
        detail: `vendor of ${v.parentName}${v.aliases.length ? `; also ${v.aliases.join(', ')}` : ''}`,
        color: v.color,
      }));
    return [...companies, ...vendors];
  }, [reference]);
  const needle = text.trim().toLowerCase();
  const matches = needle
    ? options
        .filter((o) => !selected.includes(o.id) && `${o.label} ${o.detail} ${o.id}`.toLowerCase().includes(needle))
        .slice(0, 8)
    : [];
  const labelOf = (id: string) => options.find((o) => o.id === id) ?? { id, label: id, detail: '', color: '#7A7A7A' };

  return (
    <div className="entity-picker">
      <ul className="chips" aria-label="Compared">
        {selected.map((id) => {
          const o = labelOf(id);
          return (
            <li key={id} className="chip">
              <span className="swatch" style={{ background: o.color }} aria-hidden="true" />
              {o.label}
              <button
                type="button"
                className="chip-remove"
                aria-label={`Remove ${o.label}`}
                disabled={selected.length <= 2}
                title={selected.length <= 2 ? 'A comparison needs at least two' : undefined}
                onClick={() => onChange(selected.filter((s) => s !== id))}
              >
                ×
              </button>
            </li>
          );
        })}
      </ul>
      <label className="search">
        <span>Add a company or vendor</span>
        <input
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="e.g. Tencent, Huawei, DeepSeek"
          aria-controls={matches.length > 0 ? listId : undefined}
          disabled={selected.length >= 8}
        />
      </label>
      {matches.length > 0 ? (
        <ul id={listId} className="picker-options" aria-label="Matches">
          {matches.map((o) => (
            <li key={o.id}>
              <button
                type="button"
                onClick={() => {
                  onChange([...selected, o.id]);
                  setText('');
                }}
              >
                <span className="swatch" style={{ background: o.color }} aria-hidden="true" />
                <strong>{o.label}</strong> <span className="picker-detail">{o.detail}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : needle ? (
        <p className="picker-none">No company or vendor matches “{text}”.</p>
      ) : null}
    </div>
  );
}
