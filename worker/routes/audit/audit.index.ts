import { createRouter } from '../../http/create-router';
import { listTenantAuditLogs } from './audit.handlers';
import { listAuditLogsRoute } from './audit.routes';

/** Reading the audit log; rows are written by each mutation (worker/audit/audit-log.ts). */
export const auditRouter = createRouter().openapi(listAuditLogsRoute, listTenantAuditLogs);
