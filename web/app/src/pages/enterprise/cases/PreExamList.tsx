// The enterprise's pre-examination cases, newest first, a page at a time; each opens to its history.
import { Space, Tag } from 'antd';
import type { HTMLAttributes } from 'react';

import { ErrorAlert } from '../../../components/ErrorAlert';
import { Events, type WorkflowEvent } from '../../../components/Events';
import { PagedTable } from '../../../components/PagedTable';
import { dateTime } from '../../../format';
import { usePages } from '../../../hooks/usePages';
import { useI18n } from '../../../i18n';

const CASES = `query OwnPreExamCases($first: Int, $after: String) {
  preExamCases(first: $first, after: $after) {
    edges { node { id applicationNumber title industry state receivedAt decidedAt cycleDays decisionReceipt { seq } events { at actor role from to note } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface PreExamCase {
  readonly id: string;
  readonly applicationNumber: string;
  readonly title: string;
  readonly industry: string;
  readonly state: string;
  readonly receivedAt: string;
  readonly decidedAt: string | null;
  readonly cycleDays: number | null;
  readonly decisionReceipt: { readonly seq: number } | null;
  readonly events: readonly WorkflowEvent[];
}

interface Answer {
  preExamCases: { edges: { node: PreExamCase }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

export function PreExamList() {
  const { t, label, lang } = useI18n();
  const pages = usePages<Answer, PreExamCase>(CASES, {}, (d) => d.preExamCases);
  return (
    <Space orientation="vertical" className="full-width">
      <ErrorAlert error={pages.error} />
      <PagedTable<PreExamCase>
        pages={pages}
        minWidth={800}
        label={t('nav.preexam')}
        locale={{ emptyText: t('cases.noPreExam') }}
        onRow={(c) => ({ 'data-testid': 'own-preexam-row', 'data-id': c.id, 'data-state': c.state }) as HTMLAttributes<HTMLElement>}
        expandable={{ expandedRowRender: (c) => <Events events={c.events} group="PreExamState" /> }}
        columns={[
          { title: t('cases.applicationNumber'), dataIndex: 'applicationNumber', width: 150, render: (v: string) => <span className="mono">{v}</span> },
          { title: t('cases.inventionTitle'), dataIndex: 'title' },
          { title: t('cases.industry'), dataIndex: 'industry', width: 120 },
          { title: t('cases.received'), width: 170, render: (_, c) => dateTime(c.receivedAt, lang) },
          { title: t('common.state'), width: 110, render: (_, c) => <Tag>{label('PreExamState', c.state)}</Tag> },
          {
            title: t('cases.decided'),
            width: 170,
            render: (_, c) => (c.decidedAt === null ? '' : `${dateTime(c.decidedAt, lang)}${c.decisionReceipt ? ` · #${c.decisionReceipt.seq}` : ''}`),
          },
        ]}
      />
    </Space>
  );
}
