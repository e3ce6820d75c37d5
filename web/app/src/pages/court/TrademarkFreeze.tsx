// A registered trademark as the court finds it: where it stands, its preservation under the
// court's order for one year at most (最高人民法院关于人民法院对注册商标权进行财产保全的解释,
// 法释〔2001〕1号, amended 2020, art. 2), lifting a preservation this court made, and its history.
// A mark preserved by any court is not preserved again (art. 3).
import { Alert, Card, DatePicker, Descriptions, Form, Space, Spin } from 'antd';
import type { Dayjs } from 'dayjs';

import { mutate, USER_ERRORS } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { RightHistory } from '../../components/rights/History';
import { ToneTag } from '../../components/ToneTag';
import { hubToday, isoDay } from '../../dates';
import { useGraphQL } from '../../hooks/usePages';
import { useI18n } from '../../i18n';
import { useAccount } from '../../session';
import { type FreezeFields, FreezeForm, UnfreezeForm } from './FreezeForms';

const TRADEMARK = `query CourtTrademark($number: String!) {
  trademark(registrationNumber: $number) {
    registrationNumber mark niceClass niceClassName registrationDate expiryDate
    enterprise { name } outsideOwner { name }
    freeze { court orderNumber frozenOn endsOn }
  }
}`;
const FREEZE = `mutation FreezeTrademark($input: FreezeTrademarkInput!) {
  trademarkFreeze(input: $input) { trademark { registrationNumber freeze { court orderNumber frozenOn endsOn } } ${USER_ERRORS} }
}`;
const UNFREEZE = `mutation UnfreezeTrademark($input: UnfreezeTrademarkInput!) {
  trademarkUnfreeze(input: $input) { trademark { registrationNumber freeze { court } } ${USER_ERRORS} }
}`;

interface Trademark {
  readonly registrationNumber: string;
  readonly mark: string;
  readonly niceClass: number;
  readonly niceClassName: string;
  readonly registrationDate: string;
  readonly expiryDate: string;
  readonly enterprise: { readonly name: string } | null;
  readonly outsideOwner: { readonly name: string } | null;
  readonly freeze: { readonly court: string; readonly orderNumber: string; readonly frozenOn: string; readonly endsOn: string } | null;
}

/** The preservation's last day may be chosen earlier than the law's year; none after it. */
function EndsOn() {
  const { t } = useI18n();
  const frozenOn = Form.useWatch<Dayjs | undefined>('frozenOn', Form.useFormInstance<FreezeFields>());
  const outside = (d: Dayjs) => frozenOn !== undefined && (!d.isAfter(frozenOn, 'day') || d.isAfter(frozenOn.add(1, 'year'), 'day'));
  return (
    <Form.Item name="endsOn" label={t('freezes.endsOn')} extra={t('freezes.endsOnHelp')}>
      <DatePicker className="full-width" disabledDate={outside} data-testid="freeze-ends-on" />
    </Form.Item>
  );
}

function TrademarkState({ m }: { m: Trademark }) {
  const { t } = useI18n();
  const owner = m.enterprise?.name ?? m.outsideOwner?.name;
  return (
    <Descriptions
      size="small"
      column={1}
      bordered
      data-testid="trademark-state"
      items={[
        { key: 'mark', label: t('rights.mark'), children: m.mark },
        ...(owner === undefined ? [] : [{ key: 'owner', label: t('lifecycle.owner'), children: owner }]),
        { key: 'class', label: t('rights.niceClass'), children: `${m.niceClass} ${m.niceClassName}` },
        { key: 'registered', label: t('rights.registrationDate'), children: m.registrationDate },
        { key: 'expiry', label: t('rights.expiryDate'), children: m.expiryDate },
        {
          key: 'freeze',
          label: t('lifecycle.freeze'),
          children: (
            <span data-testid="trademark-freeze" data-frozen={String(m.freeze !== null)}>
              {m.freeze === null ? (
                t('lifecycle.notFrozen')
              ) : (
                <>
                  <ToneTag tone="red">{t('lifecycle.frozen')}</ToneTag>{' '}
                  {t('freezes.trademarkFreezeLine', { court: m.freeze.court, order: m.freeze.orderNumber, from: m.freeze.frozenOn, ends: m.freeze.endsOn })}
                </>
              )}
            </span>
          ),
        },
      ]}
    />
  );
}

export function TrademarkFreeze({ number }: { number: string }) {
  const { t } = useI18n();
  const { organization } = useAccount();
  const query = useGraphQL<{ trademark: Trademark | null }>(TRADEMARK, { number });
  const m = query.data?.trademark;
  if (query.isPending) return <Spin aria-label={t('common.loading')} />;
  if (m === undefined) return <ErrorAlert error={query.error} />;
  if (m === null) return <Alert type="warning" showIcon title={t('lifecycle.noSuchTrademark', { number })} />;
  const registrationNumber = m.registrationNumber;
  // Only a registration in force is preserved: one past its last day has ended.
  const inForce = m.expiryDate >= hubToday();
  const freeze = (f: FreezeFields) =>
    mutate(FREEZE, {
      input: { registrationNumber, orderNumber: f.orderNumber, frozenOn: isoDay(f.frozenOn), ...(f.endsOn ? { endsOn: isoDay(f.endsOn) } : {}) },
    });
  return (
    <Space orientation="vertical" className="full-width" data-testid="freeze-trademark" data-number={registrationNumber}>
      <ErrorAlert error={query.error} />
      <TrademarkState m={m} />
      <Card size="small" title={<h2 className="card-title">{m.freeze === null ? t('freezes.freezeHeading') : t('freezes.unfreezeHeading')}</h2>}>
        {m.freeze === null && inForce && (
          <>
            <p className="secondary-line">{t('freezes.trademarkTerm')}</p>
            <FreezeForm freeze={freeze} frozenOnHelp={t('freezes.trademarkFrozenOnHelp')}>
              <EndsOn />
            </FreezeForm>
          </>
        )}
        {m.freeze === null && !inForce && <Alert type="info" showIcon title={t('freezes.trademarkEnded', { date: m.expiryDate })} />}
        {m.freeze !== null && m.freeze.court === organization && (
          <UnfreezeForm unfreeze={(unfrozenOn) => mutate(UNFREEZE, { input: { registrationNumber, unfrozenOn } })} />
        )}
        {m.freeze !== null && m.freeze.court !== organization && (
          <Alert type="info" showIcon title={t('freezes.trademarkOtherCourt', { court: m.freeze.court })} />
        )}
      </Card>
      <h2 className="card-title">{t('history.title')}</h2>
      <RightHistory kind="TRADEMARK" number={registrationNumber} />
    </Space>
  );
}
