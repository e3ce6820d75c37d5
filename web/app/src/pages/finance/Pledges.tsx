// IP pledges for a bank (those it is pledgee of) and for centre staff (all): registering, and
// releasing a registered one. Both are ledger entries with certificates. A pledge opened shows its
// history and the pledgee's consents to transfers and licences of its collateral, and takes one.
import { Button, Popconfirm, Space, Tag } from 'antd';
import { type HTMLAttributes, useState } from 'react';

import { mutate, USER_ERRORS } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Events, type WorkflowEvent } from '../../components/Events';
import { PagedTable } from '../../components/PagedTable';
import { PageHeading } from '../../components/PageHeading';
import { stateFilter, StateTabs } from '../../components/StateTabs';
import { yuan } from '../../format';
import { usePages } from '../../hooks/usePages';
import { useI18n } from '../../i18n';
import { useAccount } from '../../session';
import { type Consent, CONSENT_FIELDS, PledgeConsents } from './pledges/Consents';
import { RegisterPledge } from './pledges/RegisterPledge';

const PLEDGE_STATES = ['REGISTERED', 'RELEASED', 'ENFORCED'] as const;

const PLEDGES = `query Pledges($state: PledgeState, $first: Int, $after: String) {
  pledges(state: $state, first: $first, after: $after) {
    edges { node { id registrationNumber bank { name } securedAmount state nextStates registeredAt
      pledgor { id name } collateral { kind: rightKind id } term { startDate endDate } events { at actor role from to note } ${CONSENT_FIELDS} } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const RELEASE = `mutation Release($input: ReleasePledgeInput!) { pledgeRelease(input: $input) { pledge { id state } ${USER_ERRORS} } }`;

interface Pledge {
  readonly id: string;
  readonly registrationNumber: string;
  readonly bank: { readonly name: string };
  readonly securedAmount: string;
  readonly state: string;
  readonly nextStates: readonly string[];
  readonly registeredAt: string;
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
  const [state, setState] = useState<string>('REGISTERED');
  const [error, setError] = useState<unknown>();
  const pages = usePages<Answer, Pledge>(PLEDGES, stateFilter(state), (d) => d.pledges);

  const release = async (p: Pledge) => {
    setError(undefined);
    try {
      await mutate(RELEASE, { input: { pledgeId: p.id } });
      pages.reload();
    } catch (err) {
      setError(err);
    }
  };

  return (
    <Space orientation="vertical" size="middle" className="full-width">
      <PageHeading
        title={t('pledges.title')}
        intro={account.role === 'BANK' ? t('pledges.introBank', { bank: account.organization ?? '' }) : t('pledges.introStaff')}
      />
      <RegisterPledge asStaff={account.role === 'CENTER_STAFF'} onRegistered={pages.reload} />
      <StateTabs group="PledgeState" states={PLEDGE_STATES} value={state} onChange={setState} />
      <ErrorAlert error={error ?? pages.error} />
      <PagedTable<Pledge>
        pages={pages}
        minWidth={960}
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
          { title: t('pledges.number'), dataIndex: 'registrationNumber', render: (v: string) => <span className="mono">{v}</span> },
          { title: t('pledges.pledgor'), render: (_, p) => p.pledgor.name },
          { title: t('pledges.pledgee'), dataIndex: ['bank', 'name'] },
          { title: t('pledges.collateral'), render: (_, p) => p.collateral.map((c) => `${label('RightKind', c.kind)} ${c.id}`).join('、') },
          { title: t('pledges.amountColumn'), align: 'right', render: (_, p) => yuan(p.securedAmount, lang) },
          { title: t('pledges.term'), render: (_, p) => `${p.term.startDate} – ${p.term.endDate}` },
          { title: t('common.state'), render: (_, p) => <Tag>{label('PledgeState', p.state)}</Tag> },
          {
            title: t('common.actions'),
            render: (_, p) =>
              p.nextStates.includes('RELEASED') ? (
                <Popconfirm title={t('pledges.releaseConfirm', { number: p.registrationNumber })} onConfirm={() => release(p)}>
                  <Button size="small" data-testid="pledge-release">
                    {t('pledges.release')}
                  </Button>
                </Popconfirm>
              ) : null,
          },
        ]}
      />
    </Space>
  );
}
