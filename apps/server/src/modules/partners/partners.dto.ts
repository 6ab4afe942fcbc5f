import { z } from 'zod';

export const PartnerCreateRequest = z.strictObject({
  /** The other provider. Your own provider comes from your session. */
  partnerProviderId: z.uuid(),
  /** What the two sites back up for each other (e.g. "Datensicherung Fileserver, Ausweich-RZ Fachverfahren"). */
  description: z.string().trim().min(1).max(2000),
});
export type PartnerCreateRequest = z.infer<typeof PartnerCreateRequest>;

export const PartnerIdParams = z.strictObject({ id: z.uuid() });

export const PartnerResponse = z.object({
  id: z.uuid(),
  /** Your provider (this side of the partnership). */
  providerId: z.uuid(),
  partnerProviderId: z.uuid(),
  /** Only the partner's name: nothing else of its tree is visible. */
  partnerName: z.string(),
  description: z.string(),
  createdAt: z.iso.datetime(),
  abilities: z.object({ delete: z.boolean() }),
});
export type PartnerResponse = z.infer<typeof PartnerResponse>;

export const PartnerListResponse = z.object({ items: z.array(PartnerResponse) });
