// Registering a trademark for the chosen enterprise: the register's number, the mark, its Nice
// class (named as China's register names it) and the goods or services designated in it, and the
// day of registration, from which its ten years run.
import { App, Button, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';

import { NICE_CLASS_NAMES } from '../../../../../../standards/nice-class';
import { mutate, USER_ERRORS } from '../../../api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { afterToday, isoDay } from '../../../dates';
import { useAction } from '../../../hooks/useAction';
import { useI18n } from '../../../i18n';
import type { Chosen } from './PatentForm';

const REGISTER = `mutation RegisterTrademark($input: RegisterTrademarkInput!) { trademarkRegister(input: $input) { trademark { registrationNumber expiryDate } ${USER_ERRORS} } }`;

interface Fields {
  registrationNumber: string;
  mark: string;
  niceClass: number;
  goods: string[];
  registrationDate: Dayjs;
}

export function TrademarkForm({
  enterprise,
  onClose,
  onRegistered,
}: {
  enterprise: Chosen | undefined;
  onClose: () => void;
  onRegistered: (number: string) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Fields>();
  const action = useAction();
  const niceClass: number | null | undefined = Form.useWatch('niceClass', form);
  const className = niceClass !== null && niceClass !== undefined ? NICE_CLASS_NAMES[niceClass - 1] : undefined;

  const close = () => {
    form.resetFields();
    action.clear();
    onClose();
  };
  const submit = async (f: Fields) => {
    if (enterprise === undefined) return;
    const done = await action.run(() =>
      mutate<{ registrationNumber: string; expiryDate: string }>(REGISTER, {
        input: {
          enterpriseId: enterprise.id,
          registrationNumber: f.registrationNumber.trim(),
          mark: f.mark.trim(),
          niceClass: f.niceClass,
          goods: f.goods.map((g) => g.trim()).filter(Boolean),
          registrationDate: isoDay(f.registrationDate),
        },
      }),
    );
    if (done === undefined) return;
    void message.success(t('trademark.registered', { number: done.registrationNumber, end: done.expiryDate }));
    close();
    onRegistered(done.registrationNumber);
  };

  return (
    <Modal open={enterprise !== undefined} title={t('trademark.register')} footer={null} onCancel={close} forceRender>
      <Typography.Paragraph>{t('registry.patentFor', { name: enterprise?.name ?? '' })}</Typography.Paragraph>
      <Form<Fields> form={form} layout="vertical" onFinish={(v) => void submit(v)} data-testid="trademark-form">
        <Form.Item
          name="registrationNumber"
          label={t('rights.registrationNumber')}
          extra={t('trademark.numberHelp')}
          rules={[
            { required: true, whitespace: true, message: t('trademark.numberRequired') },
            { pattern: /^\s*\d{1,9}\s*$/, message: t('trademark.numberHelp') },
          ]}
        >
          <Input data-testid="trademark-number" className="mono" maxLength={12} inputMode="numeric" autoComplete="off" />
        </Form.Item>
        <Form.Item name="mark" label={t('rights.mark')} rules={[{ required: true, whitespace: true, message: t('trademark.markRequired') }]}>
          <Input data-testid="trademark-mark" maxLength={100} />
        </Form.Item>
        <Form.Item
          name="niceClass"
          label={t('rights.niceClass')}
          extra={className === undefined ? t('trademark.classHelp') : t('trademark.className', { n: niceClass ?? '', name: className })}
          rules={[{ required: true, message: t('trademark.classRequired') }]}
        >
          <InputNumber data-testid="trademark-class" min={1} max={45} precision={0} className="full-width" />
        </Form.Item>
        <Form.Item
          name="goods"
          label={t('trademark.goods')}
          extra={t('trademark.goodsHelp')}
          rules={[{ required: true, type: 'array', min: 1, max: 30, message: t('trademark.goodsRequired') }]}
        >
          <Select
            data-testid="trademark-goods"
            aria-label={t('trademark.goods')}
            mode="tags"
            open={false}
            suffixIcon={null}
            tokenSeparators={[',', '，', '、', ';', '；']}
          />
        </Form.Item>
        <Form.Item name="registrationDate" label={t('rights.registrationDate')} rules={[{ required: true, message: t('lifecycle.dateRequired') }]}>
          <DatePicker data-testid="trademark-date" className="full-width" disabledDate={afterToday} />
        </Form.Item>
        {action.error !== undefined && (
          <Form.Item>
            <ErrorAlert error={action.error} />
          </Form.Item>
        )}
        <Space wrap>
          <Button data-testid="trademark-submit" type="primary" htmlType="submit" loading={action.busy}>
            {t('trademark.submit')}
          </Button>
          <Button onClick={close}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Modal>
  );
}
