import { createRouter } from '../../http/create-router';

export const ticketsRouter = createRouter();
