import { createRouter } from '../../http/create-router';

export const auditRouter = createRouter();
