import { createRouter } from '../../http/create-router';
import * as macros from './macros.handlers';
import { createMacroRoute, deleteMacroRoute, getMacroRoute, listMacrosRoute, updateMacroRoute } from './macros.routes';

export const macrosRouter = createRouter()
  .openapi(listMacrosRoute, macros.list)
  .openapi(getMacroRoute, macros.get)
  .openapi(createMacroRoute, macros.create)
  .openapi(updateMacroRoute, macros.update)
  .openapi(deleteMacroRoute, macros.remove);
