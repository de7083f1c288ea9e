import { Card, Col, Row, Space, Spin, Statistic, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Me, Overview } from '../../api/types';
import { failure } from '../../app/StatusPage';
import { nameOf } from '../../i18n';

const OverviewChart = lazy(() => import('./OverviewChart'));

/** The first page of every staff role: their roles and places, and the figures of those places. */
export default function StaffHome({ me }: { me: Me }) {
  const { t } = useTranslation();
  const overview = useQuery({ queryKey: ['overview'], queryFn: () => api.get<Overview>('/api/stats/overview') });
  return (
    <div style={{ display: 'grid', gap: 16 }}>
      <Typography.Title level={1} style={{ fontSize: '1.6em', margin: 0 }}>
        {t('auth.welcome', { name: me.displayName })}
      </Typography.Title>
      <Space wrap aria-label={t('home.yourRoles')} data-testid="roles">
        {me.grants.map((g) => (
          <Tag key={`${g.role}${g.placeId}`} color="blue" style={{ fontSize: '0.95em', padding: '2px 8px' }}>
            {t(`roles.${g.role}`)} · {g.placeId ? nameOf({ nameZh: g.placeNameZh, nameEn: g.placeNameEn }) : t('common.everywhere')}
          </Tag>
        ))}
      </Space>
      {overview.isPending && <Spin tip={t('common.loading')}><div style={{ height: 120 }} /></Spin>}
      {overview.isError && failure(overview.error, () => void overview.refetch())}
      {overview.data && <Figures overview={overview.data} />}
    </div>
  );
}

function Figures({ overview }: { overview: Overview }) {
  const { t } = useTranslation();
  const figures = [
    ['home.residents', overview.residents],
    ['home.households', overview.households],
    ['home.established', overview.established],
    ['home.newResidents', overview.new],
    ['home.partyMembers', overview.partyMembers],
    ['home.places', overview.places],
  ] as const;
  return (
    <>
      <section aria-labelledby="staff-title">
        <Typography.Title level={2} id="staff-title" style={{ fontSize: '1.2em' }}>
          {t('home.staffTitle')}
        </Typography.Title>
        <Row gutter={[12, 12]}>
          {figures.map(([label, value]) => (
            <Col xs={12} sm={8} lg={4} key={label}>
              <Card size="small">
                <Statistic title={t(label)} value={value} />
              </Card>
            </Col>
          ))}
        </Row>
      </section>
      {overview.units.length > 0 && (
        <Card title={<h2 style={{ margin: 0, fontSize: '1em' }}>{t('home.byUnit')}</h2>}>
          <Suspense fallback={<div style={{ height: 320 }} />}>
            <OverviewChart units={overview.units} />
          </Suspense>
        </Card>
      )}
      <Row gutter={[12, 12]}>
        <Col xs={24} md={12}>
          <Card title={<h2 style={{ margin: 0, fontSize: '1em' }}>{t('home.byAge')}</h2>}>
            <Counts counts={overview.byAgeGroup} label={(key) => key} />
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card title={<h2 style={{ margin: 0, fontSize: '1em' }}>{t('home.byVulnerable')}</h2>}>
            <Counts counts={overview.byVulnerableGroup} label={(key) => t(`vulnerable.${key}`)} />
          </Card>
        </Col>
      </Row>
    </>
  );
}

/** A short table of counts: exact figures for those who would rather read than look. */
function Counts({ counts, label }: { counts: Record<string, number>; label: (key: string) => string }) {
  return (
    <table style={{ width: '100%', borderCollapse: 'collapse' }}>
      <tbody>
        {Object.entries(counts).map(([key, n]) => (
          <tr key={key} style={{ borderBottom: '1px solid #f0f0f0' }}>
            <th scope="row" style={{ textAlign: 'left', fontWeight: 'normal', padding: '6px 0' }}>
              {label(key)}
            </th>
            <td style={{ textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}>{n}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
