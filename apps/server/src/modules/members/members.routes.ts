import { z } from 'zod';
import { authOf } from '../../platform/auth/auth.plugin.js';
import type { App } from '../../platform/http/types.js';
import {
  FromDirectoryApplyResponse,
  FromDirectoryPreviewResponse,
  FromDirectoryRequest,
  HistoryDateParams,
  HistoryKind,
  HistoryPutRequest,
  HistoryQuery,
  HistoryResponse,
  DatedValueResponse,
  MemberOverviewQuery,
  MemberOverviewResponse,
  MemberProfileResponse,
  MemberProfileUpdateRequest,
  OrgParams,
} from './members.dto.js';
import type { FromDirectoryService } from './from-directory.service.js';
import type { MembersService } from './members.service.js';

const tags = ['members'];
const base = '/api/v1/organisations/:id';

const HISTORY_LABEL: Record<HistoryKind, string> = { population: 'Population', workstations: 'Number of workstations' };

export function membersRoutes(app: App, members: MembersService, fromDirectory: FromDirectoryService) {
  app.get(
    `${base}/member-profile`,
    { schema: { tags, summary: 'Master data of a member: tax and bank details, latest population and workstations', params: OrgParams, response: { 200: MemberProfileResponse } } },
    async (req) => members.getProfile(authOf(req), req.params.id),
  );

  app.patch(
    `${base}/member-profile`,
    {
      schema: {
        tags,
        summary: 'Change VAT id (DE + 9 digits), IBAN (mod-97 checked), BIC, bank name, account holder',
        params: OrgParams,
        body: MemberProfileUpdateRequest,
        response: { 200: MemberProfileResponse },
      },
    },
    async (req) => members.updateProfile(authOf(req), req.params.id, req.body),
  );

  for (const kind of HistoryKind.options) {
    app.get(
      `${base}/${kind}`,
      {
        schema: {
          tags,
          summary: `${HISTORY_LABEL[kind]} history; with ?at=YYYY-MM-DD also the value in force on that date`,
          params: OrgParams,
          querystring: HistoryQuery,
          response: { 200: HistoryResponse },
        },
      },
      async (req) => members.history(authOf(req), kind, req.params.id, req.query.at),
    );

    app.put(
      `${base}/${kind}/:date`,
      {
        schema: {
          tags,
          summary: `Set the ${HISTORY_LABEL[kind].toLowerCase()} at a reference date (one value per date)`,
          params: HistoryDateParams,
          body: HistoryPutRequest,
          response: { 200: DatedValueResponse },
        },
      },
      async (req) => members.putEntry(authOf(req), kind, req.params.id, req.params.date, req.body),
    );

    app.delete(
      `${base}/${kind}/:date`,
      { schema: { tags, summary: `Remove the ${HISTORY_LABEL[kind].toLowerCase()} of a reference date`, params: HistoryDateParams, response: { 204: z.null() } } },
      async (req, reply) => {
        await members.deleteEntry(authOf(req), kind, req.params.id, req.params.date);
        return reply.code(204).send(null);
      },
    );
  }

  app.get(
    `${base}/member-overview`,
    {
      schema: {
        tags,
        summary: 'Overview of the members below an organisation: counts by agreement status and type, population served (summed on the server)',
        params: OrgParams,
        querystring: MemberOverviewQuery,
        response: { 200: MemberOverviewResponse },
      },
    },
    async (req) => members.overview(authOf(req), req.params.id, req.query.at),
  );

  app.post(
    `${base}/from-directory/preview`,
    {
      schema: {
        tags,
        summary: 'Preview the members a Kreis, Gemeindeverbände or Gemeinden of the Gemeindeverzeichnis would become under this parent',
        params: OrgParams,
        body: FromDirectoryRequest,
        response: { 200: FromDirectoryPreviewResponse },
      },
    },
    async (req) => fromDirectory.preview(authOf(req), req.params.id, req.body),
  );

  app.post(
    `${base}/from-directory/apply`,
    {
      schema: {
        tags,
        summary: 'Create those members in one transaction (with population at the directory date), skipping existing ones',
        params: OrgParams,
        body: FromDirectoryRequest,
        response: { 201: FromDirectoryApplyResponse },
      },
    },
    async (req, reply) => reply.code(201).send(await fromDirectory.apply(authOf(req), req.params.id, req.body)),
  );
}
