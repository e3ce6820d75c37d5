// The enterprise's pledges as pledgor, newest first, a page at a time. The pledgee proposes a
// pledge, and any amendment of it, and the enterprise answers here (PledgeAnswers); the pledgee
// releases it. Each opens to its history.
import { Space, Typography } from 'antd';
import type { HTMLAttributes } from 'react';

import { ErrorAlert } from '../../../components/ErrorAlert';
import { Events, type WorkflowEvent } from '../../../components/Events';
import { AssetList } from '../../../components/Insurance';
import { PagedTable } from '../../../components/PagedTable';
import { dateTime, yuan } from '../../../format';
import { usePages } from '../../../hooks/usePages';
import { useI18n } from '../../../i18n';
import { PledgeNumber, PledgeStateTag } from '../../finance/pledges/PledgeCells';
import { AmendmentAnswers, ANSWER_FIELDS, type Answerable, ProposalAnswers } from './PledgeAnswers';

const PLEDGES = `query OwnPledges($first: Int, $after: String) {
  pledges(first: $first, after: $after) {
    edges { node { id registrationNumber securedAmount state registeredAt closedAt term { startDate endDate } authorityRegistration { number date }
      collateral { kind: rightKind id patent { title } dataAsset { name } } events { at actor role from to note } ${ANSWER_FIELDS} } }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface Pledge extends Answerable {
  readonly state: string;
  readonly registeredAt: string;
  readonly closedAt: string | null;
  readonly authorityRegistration: { readonly number: string; readonly date: string } | null;
  readonly events: readonly WorkflowEvent[];
}

interface Answer {
  pledges: { edges: { node: Pledge }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

export function PledgeList() {
  const { t, lang } = useI18n();
  const pages = usePages<Answer, Pledge>(PLEDGES, {}, (d) => d.pledges, 20);
  return (
    <Space orientation="vertical" className="full-width">
      <Typography.Text type="secondary">{t('ownPledges.intro')}</Typography.Text>
      <ErrorAlert error={pages.error} />
      <PagedTable<Pledge>
        pages={pages}
        minWidth={1400}
        label={t('nav.pledges')}
        locale={{ emptyText: t('finance.noPledges') }}
        onRow={(p) => ({ 'data-testid': 'own-pledge-row', 'data-id': p.id, 'data-state': p.state }) as HTMLAttributes<HTMLElement>}
        expandable={{ expandedRowRender: (p) => <Events events={p.events} group="PledgeState" /> }}
        columns={[
          { title: t('finance.registrationNumber'), width: 170, render: (_, p) => <PledgeNumber pledge={p} /> },
          { title: t('finance.pledgee'), dataIndex: ['pledgeeOrganization', 'name'], width: 150 },
          { title: t('finance.collateral'), width: 300, render: (_, p) => <AssetList assets={p.collateral} /> },
          { title: t('finance.securedAmount'), width: 150, align: 'right', render: (_, p) => yuan(p.securedAmount, lang) },
          { title: t('finance.term'), width: 200, render: (_, p) => t('finance.period', { start: p.term.startDate, end: p.term.endDate }) },
          {
            title: t('common.state'),
            width: 110,
            render: (_, p) => (
              <>
                <PledgeStateTag state={p.state} />
                {p.pendingAmendment !== null && (
                  <>
                    <br />
                    <Typography.Text type="secondary">{t('ownPledges.amendPending')}</Typography.Text>
                  </>
                )}
              </>
            ),
          },
          { title: t('finance.registeredAt'), width: 170, render: (_, p) => dateTime(p.registeredAt, lang) },
          {
            title: t('common.actions'),
            width: 220,
            render: (_, p) => (p.state === 'PROPOSED' ? <ProposalAnswers pledge={p} /> : <AmendmentAnswers pledge={p} />),
          },
        ]}
      />
    </Space>
  );
}
