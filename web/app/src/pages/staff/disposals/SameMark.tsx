// A trademark's other registrations of the same mark in its class, which a transfer must move with
// it (Trademark Law art. 42(2)): listed as the hub reads them, all checked; staff uncheck one only
// when the hub's matching (identical text) is wrong, and the hub then says which are missing.
import { Checkbox } from 'antd';
import { useEffect, useState } from 'react';

import { useGraphQL } from '../../../hooks/usePages';
import { useI18n } from '../../../i18n';

const SAME_MARK = `query SameMarkInClass($number: String!) { trademark(registrationNumber: $number) { sameMarkInClass } }`;
const REGISTRATION = /^\d{1,9}$/;
const NONE: readonly string[] = [];

/** The value once it has stayed the same a moment: a number being typed is not looked up at every digit. */
function useSettled(value: string, ms = 300): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** The other registrations of the trademark `number` names (none for a patent, or a number not yet typed in full). */
export function useSameMarkInClass(kind: string | undefined, number: string | undefined): readonly string[] {
  const settled = useSettled(number?.trim() ?? '');
  const enabled = kind === 'TRADEMARK' && REGISTRATION.test(settled);
  const query = useGraphQL<{ trademark: { sameMarkInClass: string[] } | null }>(SAME_MARK, { number: settled }, enabled);
  return enabled && !query.isPlaceholderData ? (query.data?.trademark?.sameMarkInClass ?? NONE) : NONE;
}

interface Props {
  readonly others: readonly string[];
  /** Those staff unchecked. */
  readonly left: readonly string[];
  readonly onLeft: (left: string[]) => void;
}

export function SameMarkInClass({ others, left, onLeft }: Props) {
  const { t } = useI18n();
  if (others.length === 0) return null;
  return (
    <fieldset className="form-group">
      <legend>{t('disposals.alsoTrademarks')}</legend>
      <Checkbox.Group
        data-testid="transfer-also-trademarks"
        options={others.map((n) => ({ value: n, label: <span className="mono">{n}</span> }))}
        value={others.filter((n) => !left.includes(n))}
        onChange={(checked) => onLeft(others.filter((n) => !checked.includes(n)))}
      />
      <p className="secondary-line">{t('disposals.alsoTrademarksLaw')}</p>
    </fieldset>
  );
}
