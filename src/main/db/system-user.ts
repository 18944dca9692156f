import type { User } from '../../shared/app';

/**
 * The one local account until user accounts land: every request runs as it, and every row and audit
 * entry names it, so adding accounts later changes who is in the request context, nothing else.
 */
export const SYSTEM_USER: User = {
  id: '00000000-0000-4000-8000-000000000001',
  username: 'quantri',
  displayName: 'Quản trị',
  role: 'admin',
};
