// The protection cases this enterprise is a party to, newest first, a page at a time; each opens
// to its parties, rights, evidence and history.
import { Space, Tag } from 'antd';
import type { HTMLAttributes } from 'react';

import { ErrorAlert } from '../../../components/ErrorAlert';
import { PagedTable } from '../../../components/PagedTable';
import { PROTECTION_CASE_FIELDS, type ProtectionCase, ProtectionDetails } from '../../../components/ProtectionDetails';
import { dateTime } from '../../../format';
import { usePages } from '../../../hooks/usePages';
import { useI18n } from '../../../i18n';

const CASES = `query OwnProtectionCases($first: Int, $after: String) {
  protectionCases(first: $first, after: $after) { edges { node { ${PROTECTION_CASE_FIELDS} } } pageInfo { hasNextPage endCursor } }
}`;

interface Answer {
  protectionCases: { edges: { node: ProtectionCase }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

export function ProtectionList() {
  const { t, label, lang } = useI18n();
  const pages = usePages<Answer, ProtectionCase>(CASES, {}, (d) => d.protectionCases, 20);
  return (
    <Space orientation="vertical" className="full-width">
      <ErrorAlert error={pages.error} />
      <PagedTable<ProtectionCase>
        pages={pages}
        minWidth={800}
        label={t('nav.protection')}
        locale={{ emptyText: t('cases.noProtection') }}
        onRow={(c) => ({ 'data-testid': 'own-protection-row', 'data-id': c.id, 'data-state': c.state }) as HTMLAttributes<HTMLElement>}
        expandable={{ expandedRowRender: (c) => <ProtectionDetails c={c} /> }}
        columns={[
          { title: t('protection.kind'), width: 100, render: (_, c) => label('ProtectionKind', c.kind) },
          { title: t('protection.route'), width: 110, render: (_, c) => label('ResolutionRoute', c.route) },
          { title: t('protection.summary'), dataIndex: 'summary', ellipsis: true },
          { title: t('protection.applied'), width: 170, render: (_, c) => dateTime(c.appliedAt, lang) },
          { title: t('common.state'), width: 120, render: (_, c) => <Tag>{label('ProtectionState', c.state)}</Tag> },
        ]}
      />
    </Space>
  );
}
