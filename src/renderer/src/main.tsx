import '@fontsource/be-vietnam-pro/400.css';
import '@fontsource/be-vietnam-pro/500.css';
import '@fontsource/be-vietnam-pro/600.css';
import '@fontsource/be-vietnam-pro/700.css';
import '@fontsource/tinos/400.css';
import '@fontsource/tinos/400-italic.css';
import '@fontsource/tinos/700.css';
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import { Drawer, MantineProvider, Modal, MultiSelect, Select, createTheme } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { ConfirmProvider } from './components/confirm';
import { AuthGate } from './features/auth/AuthGate';
import { foldedOptionsFilter } from './components/option-filter';
import { initI18n } from './i18n';
import './styles.css';

initI18n();

const theme = createTheme({
  fontFamily: '"Be Vietnam Pro", "Segoe UI", Arial, sans-serif',
  headings: { fontFamily: '"Be Vietnam Pro", "Segoe UI", Arial, sans-serif', fontWeight: '600' },
  primaryColor: 'blue',
  defaultRadius: 'sm',
  fontSizes: { xs: '12px', sm: '13px', md: '15px', lg: '17px', xl: '19px' },
  components: {
    // Every dropdown can be typed into, and finds "Phường Bình Tiên" from "tien" as the grids do; the first
    // match is highlighted as one types, so Enter takes it. It opens when typed into, not on focus: Tab and
    // Enter walk through a form without lists popping open.
    Select: Select.extend({ defaultProps: { searchable: true, filter: foldedOptionsFilter, openOnFocus: false, selectFirstOptionOnChange: true } }),
    MultiSelect: MultiSelect.extend({ defaultProps: { filter: foldedOptionsFilter } }),
    // Dialogs and drawers open without an animation. With one, Mantine mounts their fields an animation frame
    // after the click or key that opens them; on a busy PC the first letters typed straight away went to the
    // page behind ("Nguyễn" saved as "ễn"). Without it the fields mount, and the first one takes the caret,
    // while the opening click is still being handled.
    Modal: Modal.extend({ defaultProps: { transitionProps: { duration: 0 } } }),
    Drawer: Drawer.extend({ defaultProps: { transitionProps: { duration: 0 } } }),
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme}>
      {/* Bottom left, narrow: over the sidebar's foot, never over a drawer's or dialog's buttons (drawers open on the right, dialogs in the middle). */}
      <Notifications position="bottom-left" containerWidth={360} />
      <ConfirmProvider>
        <AuthGate>
          <App />
        </AuthGate>
      </ConfirmProvider>
    </MantineProvider>
  </StrictMode>,
);
