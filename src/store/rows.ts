import type { Selectable } from 'kysely';
import {
  eventDataSchema,
  type Person,
  personSchema,
  type RequestEvent,
  requestEventTypeSchema,
  type ServiceRequest,
  serviceRequestSchema,
} from '../domain/request.js';
import type {
  Person as PersonTable,
  RequestEvent as RequestEventTable,
  Request as RequestTable,
} from './schema-types.js';

// Rows are parsed, not cast: a status string the domain does not know fails loudly here.

export type RequestRow = Selectable<RequestTable>;
export type PersonRow = Selectable<PersonTable>;
export type RequestEventRow = Selectable<RequestEventTable>;

export function toRequest(row: RequestRow): ServiceRequest {
  return serviceRequestSchema.parse(row);
}

/** A person's row, or the columns of it the domain keeps. */
export function toPerson(row: Omit<PersonRow, 'createdAt' | 'updatedAt' | 'notifyOn'>): Person {
  return personSchema.parse(row);
}

/** An event and the person who acted (the columns of theirs the domain keeps), if anyone did. */
export function toEvent(
  row: RequestEventRow,
  actor: Omit<PersonRow, 'createdAt' | 'updatedAt' | 'notifyOn'> | null,
): RequestEvent {
  return {
    id: row.id,
    requestId: row.requestId,
    at: row.at,
    actor: actor ? toPerson(actor) : null,
    type: requestEventTypeSchema.parse(row.type),
    fromStatus: row.fromStatus,
    toStatus: row.toStatus,
    data: eventDataSchema.parse(JSON.parse(row.data)),
  };
}
