/** The app shell: sidebar of the registers that work, the demo banner, the first-run welcome (Welcome.tsx). */
import { AppShell, Button, Center, Group, Loader, Modal, NavLink, Paper, ScrollArea, SegmentedControl, Stack, Text } from '@mantine/core';
import { IconAlarm, IconAward, IconMessageReport, IconReportAnalytics, IconRosette, IconSpeakerphone, IconDatabaseExport, IconBook2, IconCopy, IconFileImport, IconHome, IconKey, IconListDetails, IconLogout, IconSettings, IconShieldCheck, IconUserHeart, IconUsers, IconUsersGroup } from '@tabler/icons-react';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Welcome } from './Welcome';
import type { AppInfo } from '../../../shared/app';
import { call } from '../api/client';
import { notifyError } from '../components/notify';
import { ChangePasswordForm, useSignedIn } from '../features/auth/AuthGate';
import { ActivitiesPage } from '../features/activities/ActivitiesPage';
import { TipsPage } from '../features/activities/TipsPage';
import { ReportPage } from '../features/report/ReportPage';
import { StandardsPage } from '../features/standards/StandardsPage';
import { AuditPage } from '../features/audit/AuditPage';
import { AwardsPage } from '../features/awards/AwardsPage';
import { BackupPage } from '../features/backup/BackupPage';
import { CataloguesPage } from '../features/catalogues/CataloguesPage';
import { HomePage } from '../features/home/HomePage';
import { ImportPage } from '../features/imports/ImportPage';
import { registerFromHash } from '../features/imports/wizard';
import { ModelsPage } from '../features/models/ModelsPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { UsersPage } from '../features/users/UsersPage';
import { DuePage } from '../features/subjects/DuePage';
import { DuplicatesPage } from '../features/subjects/DuplicatesPage';
import { SubjectsPage } from '../features/subjects/SubjectsPage';
import { setLanguage } from '../i18n';
import { PrintPage } from '../print/PrintPage';
import { CataloguesProvider } from './catalogues-context';

const PAGES = ['home', 'models', 'subjects', 'due', 'duplicates', 'awards', 'activities', 'tips', 'standards', 'report', 'import', 'backup', 'users', 'audit', 'catalogues', 'settings'] as const;
type PageName = (typeof PAGES)[number];

function pageFromHash(): PageName {
  const name = window.location.hash.replace(/^#\/?/, '').split('?')[0] ?? '';
  return (PAGES as readonly string[]).includes(name) ? (name as PageName) : 'models';
}

/** Who is signed in, with their role; changing one's password and signing out. */
function SignedInBox() {
  const { t } = useTranslation();
  const { user, signOut } = useSignedIn();
  const [changing, setChanging] = useState(false);
  return (
    <Paper withBorder p={6} radius="sm">
      <Text size="sm" fw={600} truncate title={user.displayName} data-testid="signed-in-user">
        {user.displayName}
      </Text>
      <Text size="xs" c="dimmed">
        {user.username} · {t(`auth.roles.${user.role}`)}
      </Text>
      <Stack gap={0} mt={4} align="flex-start">
        <Button size="compact-xs" variant="subtle" leftSection={<IconKey size={14} />} onClick={() => setChanging(true)}>
          {t('auth.changeTitle')}
        </Button>
        <Button size="compact-xs" variant="subtle" color="gray" leftSection={<IconLogout size={14} />} onClick={signOut}>
          {t('auth.signOut')}
        </Button>
      </Stack>
      <Modal opened={changing} onClose={() => setChanging(false)} title={t('auth.changeTitle')}>
        <ChangePasswordForm onDone={() => setChanging(false)} />
      </Modal>
    </Paper>
  );
}

export function App() {
  const { t, i18n } = useTranslation();
  const { user } = useSignedIn();
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [page, setPage] = useState<PageName>(pageFromHash);
  const [hash, setHash] = useState(window.location.hash);

  const refreshInfo = useCallback(() => call('app.info', {}).then(setInfo, (error: unknown) => notifyError(error)), []);
  useEffect(() => {
    void refreshInfo();
    const onHash = () => {
      setPage(pageFromHash());
      setHash(window.location.hash);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [refreshInfo]);

  const switchDatabase = async (demo: boolean) => {
    try {
      setInfo(await call(demo ? 'app.openDemo' : 'app.openReal', {}));
    } catch (error) {
      notifyError(error);
    }
  };

  if (!info) {
    return (
      <Center h="100vh">
        <Loader />
      </Center>
    );
  }
  if (hash.startsWith('#/print/')) return <PrintPage hash={hash} />;
  if (info.firstRun) {
    return (
      <Welcome info={info} onStartEmpty={() => void call('app.dismissWelcome', {}).then(setInfo, notifyError)} onOpenDemo={() => void switchDatabase(true)} />
    );
  }

  const nav: { name: PageName; label: string; icon: ReactNode }[] = [
    { name: 'home', label: t('nav.home'), icon: <IconHome size={18} /> },
    { name: 'models', label: t('nav.models'), icon: <IconUsersGroup size={18} /> },
    { name: 'subjects', label: t('nav.subjects'), icon: <IconUserHeart size={18} /> },
    { name: 'due', label: t('nav.due'), icon: <IconAlarm size={18} /> },
    { name: 'duplicates', label: t('nav.duplicates'), icon: <IconCopy size={18} /> },
    { name: 'awards', label: t('nav.awards'), icon: <IconAward size={18} /> },
    { name: 'activities', label: t('nav.activities'), icon: <IconSpeakerphone size={18} /> },
    { name: 'tips', label: t('nav.tips'), icon: <IconMessageReport size={18} /> },
    { name: 'standards', label: t('nav.standards'), icon: <IconRosette size={18} /> },
    { name: 'report', label: t('nav.report'), icon: <IconReportAnalytics size={18} /> },
    { name: 'import', label: t('nav.import'), icon: <IconFileImport size={18} /> },
    { name: 'backup', label: t('nav.backup'), icon: <IconDatabaseExport size={18} /> },
    ...(user.role === 'admin'
      ? [
          { name: 'users' as const, label: t('nav.users'), icon: <IconUsers size={18} /> },
          { name: 'audit' as const, label: t('nav.audit'), icon: <IconListDetails size={18} /> },
        ]
      : []),
    { name: 'catalogues', label: t('nav.catalogues'), icon: <IconBook2 size={18} /> },
    { name: 'settings', label: t('nav.settings'), icon: <IconSettings size={18} /> },
  ];
  const demo = info.mode === 'demo';

  return (
    <CataloguesProvider version={`${info.mode}:${info.dataFile}`}>
      <AppShell navbar={{ width: 232, breakpoint: 0 }} header={demo ? { height: 40 } : undefined} padding="md">
        {demo && (
          <AppShell.Header bg="orange.6" c="white" px="md" role="status">
            <Group h="100%" justify="space-between">
              <Text fw={700}>{t('app.demoBanner')}</Text>
              <Button size="compact-sm" variant="white" color="orange" onClick={() => void switchDatabase(false)}>
                {t('app.backToReal')}
              </Button>
            </Group>
          </AppShell.Header>
        )}
        <AppShell.Navbar p="sm" aria-label={t('app.name')}>
          <Group gap={8} wrap="nowrap" mb="sm" px={4}>
            <IconShieldCheck size={28} color="#1c5fa8" style={{ flexShrink: 0 }} />
            <Text fw={700} size="sm" lh={1.25}>
              {t('app.name')}
            </Text>
          </Group>
          {/* The pages scroll when the screen is short (1366×768 with an administrator's 13 pages); the account stays in view. */}
          <AppShell.Section grow component={ScrollArea} scrollbarSize={6}>
            <Stack gap={4}>
              {nav.map((item) => (
                <NavLink key={item.name} label={item.label} leftSection={item.icon} active={page === item.name} href={`#/${item.name}`} />
              ))}
            </Stack>
          </AppShell.Section>
          <AppShell.Section mt="xs">
            <Stack gap={6}>
              <SignedInBox />
              <SegmentedControl size="xs" value={i18n.language} onChange={(value) => setLanguage(value as 'vi' | 'en')} data={[{ value: 'vi', label: 'Tiếng Việt' }, { value: 'en', label: 'English' }]} aria-label={t('app.language')} />
              <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }} title={info.dataFile}>
                {info.engine === 'postgres' ? t('app.server') : t('app.dataFile')}: {info.dataFile}
              </Text>
            </Stack>
          </AppShell.Section>
        </AppShell.Navbar>
        <AppShell.Main style={{ display: 'flex', flexDirection: 'column', height: '100vh' }}>
          {page === 'home' && <HomePage info={info} />}
          {page === 'models' && <ModelsPage key={info.mode} />}
          {page === 'subjects' && <SubjectsPage key={info.mode} />}
          {page === 'due' && <DuePage key={info.mode} />}
          {page === 'duplicates' && <DuplicatesPage key={info.mode} />}
          {page === 'awards' && <AwardsPage key={info.mode} />}
          {page === 'activities' && <ActivitiesPage key={info.mode} />}
          {page === 'tips' && <TipsPage key={info.mode} />}
          {page === 'standards' && <StandardsPage key={info.mode} />}
          {page === 'report' && <ReportPage key={info.mode} />}
          {page === 'import' && <ImportPage key={info.mode} initialRegister={registerFromHash(hash)} />}
          {page === 'backup' && <BackupPage key={info.mode} demo={demo} admin={user.role === 'admin'} onServer={info.engine === 'postgres'} />}
          {page === 'users' && user.role === 'admin' && <UsersPage />}
          {page === 'audit' && user.role === 'admin' && <AuditPage />}
          {page === 'catalogues' && <CataloguesPage />}
          {page === 'settings' && <SettingsPage key={info.mode} />}
        </AppShell.Main>
      </AppShell>
    </CataloguesProvider>
  );
}
