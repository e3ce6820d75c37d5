// What centre staff may do with a trademark: renew it within its renewal window (the twelve
// months before its registration ends and six of grace after), and register its transfer or
// licence while it is in force.
import { DatePicker, Form, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { Link } from 'react-router';

import { mutate, USER_ERRORS } from '../../../api';
import { Operation } from '../../../components/Operation';
import type { TrademarkRecord } from '../../../components/rights/types';
import { afterToday, hubToday, isoDay, todayValue } from '../../../dates';
import { useI18n } from '../../../i18n';

const RENEW = `mutation Renew($input: RenewTrademarkInput!) { trademarkRenew(input: $input) { trademark { registrationNumber expiryDate } ${USER_ERRORS} } }`;

export function TrademarkActions({ m }: { m: TrademarkRecord }) {
  const { t } = useI18n();
  const today = hubToday();
  const renewable = m.renewalWindow.opens <= today && today <= m.renewalWindow.closes;
  const inForce = today <= m.expiryDate;
  const query = (form: string) => `/disposals?form=${form}&kind=TRADEMARK&number=${encodeURIComponent(m.registrationNumber)}`;
  return (
    <Space wrap data-testid="trademark-actions">
      {renewable && (
        <Operation<{ renewedOn: Dayjs }>
          testId="trademark-renew"
          primary
          title={t('trademark.renewAction')}
          intro={t('trademark.renewIntro', { end: m.expiryDate, closes: m.renewalWindow.closes })}
          done={t('trademark.renewed', { number: m.registrationNumber })}
          initialValues={{ renewedOn: todayValue() }}
          submit={(f) => mutate(RENEW, { input: { registrationNumber: m.registrationNumber, renewedOn: isoDay(f.renewedOn) } })}
        >
          <Form.Item name="renewedOn" label={t('trademark.renewedOn')} rules={[{ required: true, message: t('lifecycle.dateRequired') }]}>
            <DatePicker className="full-width" disabledDate={afterToday} />
          </Form.Item>
        </Operation>
      )}
      {inForce && (
        <Link to={query('transfer')} data-testid="trademark-transfer">
          {t('disposals.registerTransfer')}
        </Link>
      )}
      {inForce && (
        <Link to={query('licence')} data-testid="trademark-licence">
          {t('disposals.registerLicence')}
        </Link>
      )}
      {!renewable && !inForce && <span>{t('lifecycle.nothingToDo')}</span>}
    </Space>
  );
}
