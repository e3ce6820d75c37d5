// IP pledges for a pledgee, a bank or guarantee institution (those it is pledgee of), and for
// centre staff (all): the pledgee proposes one for the pledgor to confirm, staff register a paper
// application; then what each may do with a pledge (PledgeActions). Registrations and releases are
// ledger entries with certificates. A pledge opened shows its history and the pledgee's consents to
// transfers and licences of its collateral, and takes one.
import { Space, Typography } from 'antd';
import { type HTMLAttributes, useState } from 'react';

import { ErrorAlert } from '../../components/ErrorAlert';
import { Events, type WorkflowEvent } from '../../components/Events';
import { PagedTable } from '../../components/PagedTable';
import { PageHeading } from '../../components/PageHeading';
import { stateFilter, StateTabs } from '../../components/StateTabs';
import { yuan } from '../../format';
import { useAction } from '../../hooks/useAction';
import { usePages } from '../../hooks/usePages';
import { useI18n } from '../../i18n';
import { useAccount } from '../../session';
import { type Consent, CONSENT_FIELDS, PledgeConsents } from './pledges/Consents';
import { type ActionablePledge, PledgeActions } from './pledges/PledgeActions';
import { PledgeNumber, PledgeStateTag } from './pledges/PledgeCells';
import { RegisterPledge } from './pledges/RegisterPledge';

const PLEDGE_STATES = ['PROPOSED', 'REGISTERED', 'RELEASED', 'ENFORCED', 'DECLINED', 'WITHDRAWN'] as const;

const PLEDGES = `query Pledges($state: PledgeState, $first: Int, $after: String) {
  pledges(state: $state, first: $first, after: $after) {
    edges { node { id registrationNumber pledgeeOrganization { name kind } securedAmount state nextStates registeredAt
      authorityRegistration { number date } pendingAmendment { proposedAt }
      pledgor { id name } collateral { kind: rightKind id } term { startDate endDate } events { at actor role from to note } ${CONSENT_FIELDS} } }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface Pledge extends ActionablePledge {
  readonly pledgeeOrganization: { readonly name: string; readonly kind: string };
  readonly securedAmount: string;
  readonly registeredAt: string;
  readonly authorityRegistration: { readonly number: string; readonly date: string } | null;
  readonly pledgor: { readonly id: string; readonly name: string };
  readonly collateral: readonly { readonly kind: string; readonly id: string }[];
  readonly term: { readonly startDate: string; readonly endDate: string };
  readonly events: readonly WorkflowEvent[];
  readonly consents: readonly Consent[];
}

interface Answer {
  pledges: { edges: { node: Pledge }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

export default function Pledges() {
  const { t, label, lang } = useI18n();
  const account = useAccount();
  const asStaff = account.role === 'CENTER_STAFF';
  const [state, setState] = useState<string>('REGISTERED');
  const action = useAction();
  const pages = usePages<Answer, Pledge>(PLEDGES, stateFilter(state), (d) => d.pledges);

  return (
    <Space orientation="vertical" size="middle" className="full-width">
      <PageHeading
        title={t('pledges.title')}
        intro={asStaff ? t('pledges.introStaff') : t('pledges.introPledgee', { organization: account.organization ?? '' })}
      />
      {/* The list shows the new pledge under its state's tab. */}
      <RegisterPledge
        asStaff={asStaff}
        onMade={(made) => {
          setState(made);
          pages.reload();
        }}
      />
      <StateTabs group="PledgeState" states={PLEDGE_STATES} value={state} onChange={setState} />
      <ErrorAlert error={action.error ?? pages.error} />
      <PagedTable<Pledge>
        pages={pages}
        minWidth={1100}
        label={t('nav.pledges')}
        onRow={(p) => ({ 'data-testid': 'pledge-row', 'data-id': p.id, 'data-state': p.state }) as HTMLAttributes<HTMLElement>}
        expandable={{
          expandedRowRender: (p) => (
            <Space orientation="vertical" className="full-width">
              <Events events={p.events} group="PledgeState" />
              <PledgeConsents pledge={p} />
            </Space>
          ),
        }}
        columns={[
          { title: t('pledges.number'), render: (_, p) => <PledgeNumber pledge={p} /> },
          { title: t('pledges.pledgor'), render: (_, p) => p.pledgor.name },
          {
            title: t('pledges.pledgee'),
            render: (_, p) => (
              <>
                {p.pledgeeOrganization.name}
                <br />
                <Typography.Text type="secondary">{label('PledgeeKind', p.pledgeeOrganization.kind)}</Typography.Text>
              </>
            ),
          },
          { title: t('pledges.collateral'), render: (_, p) => p.collateral.map((c) => `${label('RightKind', c.kind)} ${c.id}`).join('、') },
          { title: t('pledges.amountColumn'), align: 'right', render: (_, p) => yuan(p.securedAmount, lang) },
          { title: t('pledges.term'), render: (_, p) => `${p.term.startDate} – ${p.term.endDate}` },
          {
            title: t('common.state'),
            render: (_, p) => (
              <>
                <PledgeStateTag state={p.state} />
                {p.pendingAmendment !== null && (
                  <>
                    <br />
                    <Typography.Text type="secondary">{t('pledges.amendPending')}</Typography.Text>
                  </>
                )}
              </>
            ),
          },
          { title: t('common.actions'), render: (_, p) => <PledgeActions pledge={p} asStaff={asStaff} action={action} /> },
        ]}
      />
    </Space>
  );
}
