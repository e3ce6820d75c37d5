// Changing one's own password: the current one, and the new one twice (10 to 128 characters,
// as the hub's policy says); the hub ends the person's other sessions.
import { Alert, Button, Card, Form, Input, Space } from 'antd';
import { useState } from 'react';

import { auth } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeading } from '../../components/PageHeading';
import { useI18n } from '../../i18n';

interface Fields {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export default function Password() {
  const { t } = useI18n();
  const [form] = Form.useForm<Fields>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [changed, setChanged] = useState(false);

  const submit = async ({ currentPassword, newPassword }: Fields) => {
    setBusy(true);
    setError(undefined);
    setChanged(false);
    try {
      await auth('password', { currentPassword, newPassword });
      form.resetFields();
      setChanged(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space orientation="vertical" size="middle" className="full-width">
      <PageHeading title={t('password.title')} intro={t('password.intro')} />
      <Card size="small" className="narrow-form">
        <Form<Fields> form={form} layout="vertical" onFinish={(v) => void submit(v)} data-testid="password-form">
          <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true, message: t('password.currentRequired') }]}>
            <Input.Password data-testid="password-current" autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label={t('password.new')}
            extra={t('password.newHelp')}
            dependencies={['currentPassword']}
            rules={[
              { required: true, message: t('password.newRequired') },
              { min: 10, max: 128, message: t('password.newLength') },
              ({ getFieldValue }) => ({
                validator: async (_, value: string | undefined) => {
                  if (value && value === getFieldValue('currentPassword')) throw new Error(t('password.newSame'));
                },
              }),
            ]}
          >
            <Input.Password data-testid="password-new" autoComplete="new-password" maxLength={128} />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t('password.confirm')}
            dependencies={['newPassword']}
            rules={[
              { required: true, message: t('password.confirmRequired') },
              ({ getFieldValue }) => ({
                validator: async (_, value: string | undefined) => {
                  if (value && value !== getFieldValue('newPassword')) throw new Error(t('password.mismatch'));
                },
              }),
            ]}
          >
            <Input.Password data-testid="password-confirm" autoComplete="new-password" maxLength={128} />
          </Form.Item>
          {error !== undefined && (
            <Form.Item>
              <ErrorAlert error={error} />
            </Form.Item>
          )}
          {changed && (
            <Form.Item>
              <Alert data-testid="password-changed" type="success" showIcon role="status" title={t('password.changed')} />
            </Form.Item>
          )}
          <Button data-testid="password-submit" type="primary" htmlType="submit" loading={busy}>
            {t('password.submit')}
          </Button>
        </Form>
      </Card>
    </Space>
  );
}
