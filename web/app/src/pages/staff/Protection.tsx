// Protection cases by state, for centre staff. Each case offers only the moves its state allows
// (the API's nextStates); a referral asks for the court's name first.
import { Button, Space, Tag } from 'antd';
import { type HTMLAttributes, useState } from 'react';

import { mutate, USER_ERRORS } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PagedTable } from '../../components/PagedTable';
import { PageHeading } from '../../components/PageHeading';
import { partiesOf, PROTECTION_CASE_FIELDS, type ProtectionCase, ProtectionDetails } from '../../components/ProtectionDetails';
import { stateFilter, StateTabs } from '../../components/StateTabs';
import { dateTime } from '../../format';
import { usePages } from '../../hooks/usePages';
import { useI18n } from '../../i18n';
import { ReferModal } from './protection/ReferModal';

const PROTECTION_STATES = ['APPLIED', 'ACCEPTED', 'IN_PROGRESS', 'REJECTED', 'SETTLED', 'REFERRED', 'WITHDRAWN', 'CLOSED'] as const;

const CASES = `query ProtectionQueue($state: ProtectionState, $first: Int, $after: String) {
  protectionCases(state: $state, first: $first, after: $after) { edges { node { ${PROTECTION_CASE_FIELDS} } } pageInfo { hasNextPage endCursor } }
}`;

const MOVE = `mutation MoveProtectionCase($input: MoveProtectionCaseInput!) { protectionCaseMove(input: $input) { case { id state nextStates court { name } } ${USER_ERRORS} } }`;

interface Answer {
  protectionCases: { edges: { node: ProtectionCase }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

export default function Protection() {
  const { t, label, lang } = useI18n();
  const [state, setState] = useState<string>('APPLIED');
  const [moving, setMoving] = useState<string>();
  const [referring, setReferring] = useState<ProtectionCase>();
  const [error, setError] = useState<unknown>();
  const pages = usePages<Answer, ProtectionCase>(CASES, stateFilter(state), (d) => d.protectionCases, 20);

  const move = async (c: ProtectionCase, to: string, court?: string, note?: string) => {
    setMoving(c.id);
    setError(undefined);
    try {
      await mutate(MOVE, { input: { caseId: c.id, to, ...(court ? { court } : {}), ...(note ? { note } : {}) } });
      setReferring(undefined);
      pages.reload();
    } catch (err) {
      setError(err);
      setReferring(undefined);
    } finally {
      setMoving(undefined);
    }
  };

  return (
    <Space orientation="vertical" size="middle" className="full-width">
      <PageHeading title={t('protection.title')} intro={t('protection.intro')} extra={<Button onClick={pages.reload}>{t('common.reload')}</Button>} />
      <StateTabs group="ProtectionState" states={PROTECTION_STATES} value={state} onChange={setState} />
      <ErrorAlert error={error ?? pages.error} />
      <PagedTable<ProtectionCase>
        pages={pages}
        minWidth={1300}
        label={t('nav.protection')}
        locale={{ emptyText: t('protection.none') }}
        onRow={(c) => ({ 'data-testid': 'protection-row', 'data-id': c.id, 'data-state': c.state }) as HTMLAttributes<HTMLElement>}
        expandable={{ expandedRowRender: (c) => <ProtectionDetails c={c} /> }}
        columns={[
          { title: t('protection.kind'), width: 100, render: (_, c) => label('ProtectionKind', c.kind) },
          { title: t('protection.route'), width: 110, render: (_, c) => label('ResolutionRoute', c.route) },
          { title: t('protection.claimant'), width: 180, render: (_, c) => partiesOf(c, 'CLAIMANT').join('、') },
          { title: t('protection.respondents'), width: 180, render: (_, c) => partiesOf(c, 'RESPONDENT').join('、') },
          { title: t('protection.rights'), width: 90, render: (_, c) => t('protection.rightsCount', { n: c.ipRights.length }) },
          { title: t('protection.evidence'), width: 90, render: (_, c) => t('protection.evidenceCount', { n: c.evidence.length }) },
          { title: t('protection.referredTo'), width: 150, render: (_, c) => c.court?.name ?? '' },
          { title: t('protection.applied'), width: 160, render: (_, c) => dateTime(c.appliedAt, lang) },
          { title: t('common.state'), width: 110, render: (_, c) => <Tag>{label('ProtectionState', c.state)}</Tag> },
          {
            title: t('common.actions'),
            render: (_, c) =>
              c.nextStates.length === 0 ? (
                t('protection.noMoves')
              ) : (
                <Space wrap>
                  {c.nextStates.map((to) => (
                    <Button
                      key={to}
                      data-testid={`protection-move-${to}`}
                      loading={moving === c.id}
                      onClick={() => (to === 'REFERRED' ? setReferring(c) : void move(c, to))}
                    >
                      {t('protection.moveTo', { state: label('ProtectionState', to) })}
                    </Button>
                  ))}
                </Space>
              ),
          },
        ]}
      />
      <ReferModal
        open={referring !== undefined}
        busy={moving !== undefined}
        onCancel={() => setReferring(undefined)}
        onRefer={(court, note) => referring && void move(referring, 'REFERRED', court, note)}
      />
    </Space>
  );
}
