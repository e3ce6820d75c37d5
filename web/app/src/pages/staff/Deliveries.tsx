// Webhook deliveries, for centre staff: those that failed (retried for 24 hours, then given up),
// pending and delivered ones, newest first, with the backlog; a failed one can be sent again,
// with a fresh 24 hours of retries.
import { Button, Space, Statistic, Tabs, Tag } from 'antd';
import { type HTMLAttributes, useState } from 'react';

import { mutate, USER_ERRORS } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PagedTable } from '../../components/PagedTable';
import { PageHeading } from '../../components/PageHeading';
import { type Tone, ToneTag } from '../../components/ToneTag';
import { dateTime } from '../../format';
import { useAction } from '../../hooks/useAction';
import { useGraphQL, usePages } from '../../hooks/usePages';
import { useI18n } from '../../i18n';

const STATES = ['FAILED', 'PENDING', 'DELIVERED'] as const;
const TONES: Record<string, Tone> = { FAILED: 'red', PENDING: 'orange', DELIVERED: 'green' };

const BACKLOG = `query Backlog { notificationBacklog { pending failed } }`;
const DELIVERIES = `query Deliveries($state: WebhookDeliveryState!, $first: Int, $after: String) {
  webhookDeliveries(state: $state, first: $first, after: $after) {
    edges { node { id state attempts lastError lastAttemptAt nextAttemptAt deliveredAt
      notification { id type occurredAt subject } subscription { id url ownerRole disabledAt } } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const RESEND = `mutation Resend($id: ID!) { webhookDeliveryResend(id: $id) { delivery { id state } ${USER_ERRORS} } }`;

interface Delivery {
  readonly id: string;
  readonly state: string;
  readonly attempts: number;
  readonly lastError: string | null;
  readonly lastAttemptAt: string | null;
  readonly nextAttemptAt: string | null;
  readonly deliveredAt: string | null;
  readonly notification: { readonly id: string; readonly type: string; readonly occurredAt: string; readonly subject: string } | null;
  readonly subscription: { readonly id: string; readonly url: string; readonly ownerRole: string; readonly disabledAt: string | null } | null;
}

interface Answer {
  webhookDeliveries: { edges: { node: Delivery }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

export default function Deliveries() {
  const { t, label, lang } = useI18n();
  const [state, setState] = useState<string>('FAILED');
  const backlog = useGraphQL<{ notificationBacklog: { pending: number; failed: number } }>(BACKLOG);
  const pages = usePages<Answer, Delivery>(DELIVERIES, { state }, (d) => d.webhookDeliveries, 20);
  const action = useAction();
  const counts = backlog.data?.notificationBacklog;
  const typeName = (type: string) => {
    const named = label('NotificationType', type);
    return named === type ? type : named;
  };
  const when = (iso: string | null) => (iso === null ? '' : dateTime(iso, lang));

  return (
    <Space orientation="vertical" size="middle" className="full-width">
      <PageHeading
        title={t('deliveries.title')}
        intro={t('deliveries.intro')}
        extra={
          <Button
            onClick={() => {
              pages.reload();
              void backlog.refetch();
            }}
            loading={pages.loading}
          >
            {t('common.reload')}
          </Button>
        }
      />
      <Space size="large" wrap data-testid="deliveries-backlog" data-pending={counts?.pending} data-failed={counts?.failed}>
        <Statistic title={t('deliveries.failedCount')} value={counts?.failed ?? '—'} />
        <Statistic title={t('deliveries.pendingCount')} value={counts?.pending ?? '—'} />
      </Space>
      <Tabs activeKey={state} onChange={setState} items={STATES.map((s) => ({ key: s, label: label('WebhookDeliveryState', s) }))} />
      <ErrorAlert error={action.error ?? pages.error ?? backlog.error} />
      <PagedTable<Delivery>
        pages={pages}
        minWidth={state === 'FAILED' ? 960 : 1120}
        label={t('deliveries.title')}
        locale={{ emptyText: t('deliveries.none', { state: label('WebhookDeliveryState', state) }) }}
        onRow={(d) => ({ 'data-testid': 'delivery-row', 'data-id': d.id, 'data-state': d.state }) as HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('deliveries.notification'),
            render: (_, d) =>
              d.notification === null ? (
                t('deliveries.gone')
              ) : (
                <>
                  {typeName(d.notification.type)}
                  <br />
                  <span className="mono">{d.notification.subject}</span>
                </>
              ),
          },
          {
            title: t('deliveries.url'),
            width: 260,
            render: (_, d) =>
              d.subscription === null ? (
                ''
              ) : (
                <>
                  <span className="mono" data-testid="delivery-url">
                    {d.subscription.url}
                  </span>
                  {d.subscription.disabledAt !== null && <Tag className="tag-after">{t('deliveries.disabled')}</Tag>}
                  <br />
                  {label('Role', d.subscription.ownerRole)}
                </>
              ),
          },
          {
            title: t('common.state'),
            width: 90,
            render: (_, d) => <ToneTag tone={TONES[d.state] ?? 'grey'}>{label('WebhookDeliveryState', d.state)}</ToneTag>,
          },
          { title: t('deliveries.attempts'), dataIndex: 'attempts', width: 80, align: 'right' },
          {
            title: t('deliveries.lastError'),
            width: 200,
            render: (_, d) => (
              <>
                {d.lastError ?? ''}
                {d.lastAttemptAt && <div className="secondary-line">{when(d.lastAttemptAt)}</div>}
              </>
            ),
          },
          ...(state === 'FAILED'
            ? []
            : [
                {
                  title: state === 'DELIVERED' ? t('deliveries.deliveredAt') : t('deliveries.nextAttemptAt'),
                  width: 170,
                  render: (_: unknown, x: Delivery) => when(x.state === 'DELIVERED' ? x.deliveredAt : x.nextAttemptAt),
                },
              ]),
          {
            title: t('common.actions'),
            width: 120,
            render: (_, d) =>
              d.state === 'FAILED' ? (
                <Button size="small" data-testid="delivery-resend" loading={action.busy} onClick={() => void action.run(() => mutate(RESEND, { id: d.id }))}>
                  {t('deliveries.resend')}
                </Button>
              ) : null,
          },
        ]}
      />
    </Space>
  );
}
