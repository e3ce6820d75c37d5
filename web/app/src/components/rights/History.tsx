// A patent's or trademark's history, oldest first, a page at a time: each change with its time,
// who made it, and what it changed (the event's details in words where this page knows the field).
import type { HTMLAttributes } from 'react';

import { dateTime } from '../../format';
import { usePages } from '../../hooks/usePages';
import { useI18n } from '../../i18n';
import { type MessageKey, MESSAGES } from '../../messages';
import { ErrorAlert } from '../ErrorAlert';
import { PagedTable } from '../PagedTable';

const PATENT_HISTORY = `query PatentHistory($number: String!, $first: Int, $after: String) {
  patent(applicationNumber: $number) { history(first: $first, after: $after) {
    edges { node { seq at actor role type details } } pageInfo { hasNextPage endCursor } } }
}`;
const TRADEMARK_HISTORY = `query TrademarkHistory($number: String!, $first: Int, $after: String) {
  trademark(registrationNumber: $number) { history(first: $first, after: $after) {
    edges { node { seq at actor role type details } } pageInfo { hasNextPage endCursor } } }
}`;

interface AssetEvent {
  readonly seq: number;
  readonly at: string;
  readonly actor: string;
  readonly role: string;
  readonly type: string;
  readonly details: Readonly<Record<string, unknown>>;
}

type Row = AssetEvent & { readonly id: string };

interface Connection {
  edges: { node: AssetEvent }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

// Ids of records the event made (a transfer's, a licence's): noise beside the rest.
const HIDDEN = new Set(['transfer', 'licence']);
/** Values that are an enum's, named in words. */
const ENUMS: Readonly<Record<string, string>> = { decision: 'InvalidationDecision', kind: 'LicenceKind', status: 'PatentStatus' };

/** An event's details as `name: value` in the reader's language. */
function useDetails() {
  const { lang, label } = useI18n();
  const index = lang === 'zh' ? 0 : 1;
  return (details: Readonly<Record<string, unknown>>): string =>
    Object.entries(details)
      .filter(([k, v]) => !HIDDEN.has(k) && v !== null && v !== undefined)
      .map(([k, v]) => {
        const key = `history.field.${k}`;
        const name = key in MESSAGES ? MESSAGES[key as MessageKey][index] : k;
        const value = typeof v === 'string' && ENUMS[k] !== undefined ? label(ENUMS[k], v) : typeof v === 'object' ? JSON.stringify(v) : String(v);
        return `${name}：${value}`;
      })
      .join('；');
}

export function RightHistory({ kind, number }: { kind: 'PATENT' | 'TRADEMARK'; number: string }) {
  const { t, label, lang } = useI18n();
  const details = useDetails();
  const pages = usePages<{ patent?: { history: Connection } | null; trademark?: { history: Connection } | null }, Row>(
    kind === 'PATENT' ? PATENT_HISTORY : TRADEMARK_HISTORY,
    { number },
    (d) => {
      const history = (kind === 'PATENT' ? d.patent : d.trademark)?.history ?? { edges: [], pageInfo: { hasNextPage: false, endCursor: null } };
      return { edges: history.edges.map((e) => ({ node: { ...e.node, id: String(e.node.seq) } })), pageInfo: history.pageInfo };
    },
  );
  const testId = kind === 'PATENT' ? 'patent-history' : 'trademark-history';
  // Said in a line, not in an empty table wider than a phone.
  if (pages.nodes.length === 0 && !pages.loading && pages.error === null) return <p className="secondary-line">{t('history.none')}</p>;
  return (
    <>
      <ErrorAlert error={pages.error} />
      <PagedTable<Row>
        pages={pages}
        minWidth={760}
        label={t('history.title')}
        locale={{ emptyText: t('history.none') }}
        onRow={(e) => ({ 'data-testid': testId, 'data-type': e.type, 'data-seq': e.seq }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: '#', dataIndex: 'seq', width: 50 },
          { title: t('history.at'), width: 170, render: (_, e) => dateTime(e.at, lang) },
          { title: t('history.type'), width: 140, render: (_, e) => label('AssetEventType', e.type) },
          { title: t('history.details'), render: (_, e) => details(e.details) },
          { title: t('history.by'), width: 180, render: (_, e) => `${label('Role', e.role)} · ${e.actor}` },
        ]}
      />
    </>
  );
}
