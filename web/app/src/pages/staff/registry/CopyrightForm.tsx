// Registering a copyright for the chosen enterprise: software or a kind of work, its register's
// number (its year the year of registration), title, author, and when it was completed.
import { App, Button, DatePicker, Form, Input, Modal, Select, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';

import { mutate, USER_ERRORS } from '../../../api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { afterToday, isoDay } from '../../../dates';
import { useAction } from '../../../hooks/useAction';
import { useI18n } from '../../../i18n';
import type { Chosen } from './PatentForm';

const REGISTER = `mutation RegisterCopyright($input: RegisterCopyrightInput!) { copyrightRegister(input: $input) { copyright { registrationNumber } ${USER_ERRORS} } }`;

// Software, then the kinds of work of Copyright Law art. 3 in its order, then any other.
const KINDS = [
  'SOFTWARE',
  'LITERARY',
  'ORAL',
  'MUSICAL',
  'DRAMATIC',
  'QUYI',
  'CHOREOGRAPHIC',
  'ACROBATIC',
  'ARTISTIC',
  'ARCHITECTURAL',
  'PHOTOGRAPHIC',
  'AUDIOVISUAL',
  'GRAPHIC',
  'MODEL',
  'WORK',
] as const;

interface Fields {
  kind: string;
  registrationNumber: string;
  title: string;
  author: string;
  completedOn: Dayjs;
  registeredOn: Dayjs;
}

export function CopyrightForm({ enterprise, onClose }: { enterprise: Chosen | undefined; onClose: () => void }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Fields>();
  const action = useAction();
  const kind: string | undefined = Form.useWatch('kind', form);

  const close = () => {
    form.resetFields();
    action.clear();
    onClose();
  };
  const submit = async (f: Fields) => {
    if (enterprise === undefined) return;
    const done = await action.run(() =>
      mutate<{ registrationNumber: string }>(REGISTER, {
        input: {
          enterpriseId: enterprise.id,
          kind: f.kind,
          registrationNumber: f.registrationNumber.trim(),
          title: f.title.trim(),
          author: f.author.trim(),
          completedOn: isoDay(f.completedOn),
          registeredOn: isoDay(f.registeredOn),
        },
      }),
    );
    if (done === undefined) return;
    void message.success(t('copyright.registered', { number: done.registrationNumber }));
    close();
  };

  return (
    <Modal open={enterprise !== undefined} title={t('copyright.register')} footer={null} onCancel={close} forceRender>
      <Typography.Paragraph>{t('registry.patentFor', { name: enterprise?.name ?? '' })}</Typography.Paragraph>
      <Form<Fields> form={form} layout="vertical" initialValues={{ kind: 'SOFTWARE' }} onFinish={(v) => void submit(v)} data-testid="copyright-form">
        <Form.Item name="kind" label={t('rights.copyrightKind')}>
          <Select aria-label={t('rights.copyrightKind')} options={KINDS.map((k) => ({ value: k, label: label('CopyrightKind', k) }))} />
        </Form.Item>
        <Form.Item
          name="registrationNumber"
          label={t('rights.registrationNumber')}
          extra={kind === 'SOFTWARE' ? t('copyright.numberHelpSoftware') : t('copyright.numberHelpWork')}
          rules={[{ required: true, whitespace: true, message: t('copyright.numberRequired') }]}
        >
          <Input data-testid="copyright-number" className="mono" maxLength={40} autoComplete="off" />
        </Form.Item>
        <Form.Item name="title" label={t('copyright.title')} rules={[{ required: true, whitespace: true, message: t('copyright.titleRequired') }]}>
          <Input data-testid="copyright-title" maxLength={200} />
        </Form.Item>
        <Form.Item name="author" label={t('copyright.author')} rules={[{ required: true, whitespace: true, message: t('copyright.authorRequired') }]}>
          <Input data-testid="copyright-author" maxLength={200} />
        </Form.Item>
        <Form.Item name="completedOn" label={t('copyright.completedOn')} rules={[{ required: true, message: t('lifecycle.dateRequired') }]}>
          <DatePicker data-testid="copyright-completed" className="full-width" disabledDate={afterToday} />
        </Form.Item>
        <Form.Item name="registeredOn" label={t('rights.registeredOn')} rules={[{ required: true, message: t('lifecycle.dateRequired') }]}>
          <DatePicker data-testid="copyright-registered" className="full-width" disabledDate={afterToday} />
        </Form.Item>
        {action.error !== undefined && (
          <Form.Item>
            <ErrorAlert error={action.error} />
          </Form.Item>
        )}
        <Space wrap>
          <Button data-testid="copyright-submit" type="primary" htmlType="submit" loading={action.busy}>
            {t('copyright.submit')}
          </Button>
          <Button onClick={close}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Modal>
  );
}
