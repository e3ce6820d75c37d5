// Where a patent stands in its life: its legal status, the grant and its announcement number, the
// annual fee, a court's freeze and an invalidation request.
import { Descriptions, Tag } from 'antd';

import { useI18n } from '../../i18n';
import { FeeTag } from '../../pages/enterprise/rights/urgency';
import { ToneTag } from '../ToneTag';
import type { PatentLifecycle } from './types';

export function PatentState({ p }: { p: PatentLifecycle }) {
  const { t, label } = useI18n();
  const none = t('common.none');
  const inv = p.invalidation;
  return (
    <Descriptions
      size="small"
      column={1}
      bordered
      data-testid="patent-state"
      items={[
        { key: 'title', label: t('lifecycle.title'), children: p.title },
        ...(p.enterprise === null ? [] : [{ key: 'owner', label: t('lifecycle.owner'), children: p.enterprise.name }]),
        {
          key: 'status',
          label: t('lifecycle.status'),
          children: (
            <span data-testid="patent-status" data-status={p.status}>
              <Tag>{label('PatentStatus', p.status)}</Tag>
              {p.lapsedOn && t('lifecycle.lapsedOn', { date: p.lapsedOn })}
            </span>
          ),
        },
        { key: 'type', label: t('rights.type'), children: label('PatentType', p.type) },
        { key: 'filed', label: t('rights.filingDate'), children: p.filingDate },
        {
          key: 'grant',
          label: t('lifecycle.grant'),
          children: p.grantDate === null ? none : t('lifecycle.grantLine', { date: p.grantDate, number: p.grantPublicationNumber ?? none }),
        },
        { key: 'protection', label: t('rights.protectionEndsOn'), children: p.protectionEndsOn },
        { key: 'fee', label: t('rights.annualFee'), children: <FeeTag fee={p.annualFee} /> },
        {
          key: 'freeze',
          label: t('lifecycle.freeze'),
          children: (
            <span data-testid="patent-freeze" data-frozen={String(p.freeze !== null)}>
              {p.freeze === null ? (
                t('lifecycle.notFrozen')
              ) : (
                <>
                  <ToneTag tone="red">{t('lifecycle.frozen')}</ToneTag>{' '}
                  {t('lifecycle.freezeLine', { court: p.freeze.court, order: p.freeze.orderNumber, date: p.freeze.frozenOn })}
                </>
              )}
            </span>
          ),
        },
        {
          key: 'invalidation',
          label: t('lifecycle.invalidation'),
          children:
            inv === null ? (
              none
            ) : (
              <span data-testid="patent-invalidation" data-pending={String(inv.pending)}>
                {inv.pending && <ToneTag tone="orange">{t('lifecycle.invalidationPending')}</ToneTag>}{' '}
                {t('lifecycle.invalidationLine', { date: inv.requestedOn, requester: inv.requester })}
                {inv.decision !== null &&
                  ` ${t('lifecycle.decisionLine', { decision: label('InvalidationDecision', inv.decision), date: inv.decidedOn ?? '' })}`}
              </span>
            ),
        },
      ]}
    />
  );
}
