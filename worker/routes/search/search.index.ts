import { createRouter } from '../../http/create-router';
import * as search from './search.handlers';
import { searchRoute, suggestEventRoute, suggestionStatsRoute, suggestRoute } from './search.routes';

export const searchRouter = createRouter()
  .openapi(searchRoute, search.search)
  .openapi(suggestRoute, search.suggest)
  .openapi(suggestEventRoute, search.suggestEvent)
  .openapi(suggestionStatsRoute, search.suggestStats);
