import { authOf } from '../../platform/auth/auth.plugin.js';
import type { App } from '../../platform/http/types.js';
import {
  GemeindeListResponse,
  GemeindeSearchQuery,
  KreisListQuery,
  KreisListResponse,
  VerbandListQuery,
  VerbandListResponse,
} from './reference.dto.js';
import type { ReferenceService } from './reference.service.js';

const tags = ['reference'];

export function referenceRoutes(app: App, service: ReferenceService) {
  app.get(
    '/api/v1/reference/gemeinden',
    {
      schema: {
        tags,
        summary: 'Search the Gemeindeverzeichnis by name prefix, AGS, ARS, Verband or Kreis key (type-ahead)',
        querystring: GemeindeSearchQuery,
        response: { 200: GemeindeListResponse },
      },
    },
    async (req) => service.gemeinden(authOf(req), req.query),
  );

  app.get(
    '/api/v1/reference/kreise',
    { schema: { tags, summary: 'Kreise and kreisfreie Städte', querystring: KreisListQuery, response: { 200: KreisListResponse } } },
    async (req) => service.kreise(authOf(req), req.query),
  );

  app.get(
    '/api/v1/reference/verbaende',
    {
      schema: {
        tags,
        summary: 'Gemeindeverbände of a Kreis (Verwaltungsgemeinschaften, Ämter, Verbandsgemeinden …) with their Gemeinden',
        querystring: VerbandListQuery,
        response: { 200: VerbandListResponse },
      },
    },
    async (req) => service.verbaende(authOf(req), req.query.kreis, req.query.includeVerbandsfrei === 'true'),
  );
}
