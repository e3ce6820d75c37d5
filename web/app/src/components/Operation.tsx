// One operation on a record, behind its button: a dialog with the operation's few fields, sent
// to the hub; a refusal stays in the dialog in the hub's words. The button has test id `testId`,
// the dialog's submit button `<testId>-submit`.
import { App, Button, Form, type FormInstance, Modal, Space } from 'antd';
import { type ReactNode, useState } from 'react';

import { useAction } from '../hooks/useAction';
import { useI18n } from '../i18n';
import { ErrorAlert } from './ErrorAlert';

interface Props<F> {
  readonly testId: string;
  /** The button's words, and the dialog's title. */
  readonly title: string;
  readonly intro?: ReactNode;
  readonly initialValues?: Partial<F>;
  /** The form's fields (Form.Item elements). */
  readonly children?: ReactNode | ((form: FormInstance<F>) => ReactNode);
  /** Sends the operation; resolves once the hub took it. */
  readonly submit: (fields: F) => Promise<unknown>;
  readonly done: string;
  readonly danger?: boolean;
  readonly primary?: boolean;
}

export function Operation<F extends object>({ testId, title, intro, initialValues, children, submit, done, danger, primary }: Props<F>) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<F>();
  const action = useAction();
  const close = () => {
    setOpen(false);
    action.clear();
  };
  const finish = async (fields: F) => {
    const result = await action.run(() => submit(fields));
    if (result === undefined) return;
    void message.success(done);
    close();
  };
  return (
    <>
      <Button data-testid={testId} danger={danger} type={primary ? 'primary' : 'default'} onClick={() => setOpen(true)}>
        {title}
      </Button>
      <Modal open={open} title={title} footer={null} onCancel={close} destroyOnHidden>
        {intro && <div className="operation-intro">{intro}</div>}
        <Form<F> form={form} layout="vertical" initialValues={initialValues} onFinish={(v) => void finish(v)} data-testid={`${testId}-form`}>
          {typeof children === 'function' ? children(form) : children}
          {action.error !== undefined && (
            <Form.Item>
              <ErrorAlert error={action.error} />
            </Form.Item>
          )}
          <Space wrap>
            <Button data-testid={`${testId}-submit`} type="primary" danger={danger} htmlType="submit" loading={action.busy}>
              {t('common.submit')}
            </Button>
            <Button onClick={close}>{t('common.cancel')}</Button>
          </Space>
        </Form>
      </Modal>
    </>
  );
}
