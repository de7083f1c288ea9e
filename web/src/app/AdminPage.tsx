import { App } from 'antd';
import type { ComponentType } from 'react';
import { Providers } from './Providers';

/**
 * Administration pages use Ant Design's theme and App context (messages, confirmations). They
 * are provided here, in the pages' own chunks, so that a resident's first page carries neither.
 */
export const adminPage = (Page: ComponentType) =>
  function AdminPage() {
    return (
      <Providers>
        <App>
          <Page />
        </App>
      </Providers>
    );
  };
