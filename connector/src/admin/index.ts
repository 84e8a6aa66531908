/** The admin console (/admin) and its API (/admin/api, ADMIN_TOKEN). */
export { createAdminRouter, type AdminRouterDeps } from './create-admin-router';
export type { EvidencePort } from './list-evidence';
