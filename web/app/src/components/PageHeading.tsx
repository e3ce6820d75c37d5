import { Typography } from 'antd';
import type { ReactNode } from 'react';

/** The page's one h1, with a line on what the page is for. */
export function PageHeading({ title, intro, extra }: { title: string; intro?: string; extra?: ReactNode }) {
  return (
    <header className="page-heading">
      <div>
        <Typography.Title level={1} className="page-title">
          {title}
        </Typography.Title>
        {intro && <Typography.Paragraph type="secondary">{intro}</Typography.Paragraph>}
      </div>
      {extra}
    </header>
  );
}
