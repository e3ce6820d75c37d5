import { Alert, Button, Card, Form, Input, Space } from 'antd';
import { useState } from 'react';

import { ErrorAlert } from '../components/ErrorAlert';
import { LangSwitch } from '../components/LangSwitch';
import { useI18n } from '../i18n';
import { useSession } from '../session';

interface Fields {
  username: string;
  password: string;
}

export function SignIn() {
  const { t } = useI18n();
  const { signIn, ended } = useSession();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const submit = async ({ username, password }: Fields) => {
    setBusy(true);
    setError(undefined);
    try {
      await signIn(username.trim(), password);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={<h1 className="card-title">{t('signIn.title')}</h1>} extra={<LangSwitch />}>
      <Space orientation="vertical" size="middle" className="full-width">
        {ended && <Alert type="info" showIcon title={t('signIn.ended')} />}
        <ErrorAlert error={error} />
        <Form<Fields> layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
          <Form.Item name="username" label={t('signIn.username')} rules={[{ required: true, message: t('signIn.usernameRequired') }]}>
            <Input data-testid="login-username" autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item name="password" label={t('signIn.password')} rules={[{ required: true, message: t('signIn.passwordRequired') }]}>
            <Input.Password data-testid="login-password" autoComplete="current-password" />
          </Form.Item>
          <Button data-testid="login-submit" type="primary" htmlType="submit" loading={busy} block>
            {t('signIn.submit')}
          </Button>
        </Form>
      </Space>
    </Card>
  );
}
