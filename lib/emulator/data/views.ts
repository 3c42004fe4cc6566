import type { Person } from "./types";

/** The wire shapes Finch returns for a person, per endpoint. */

export function directoryEntry(person: Person) {
  return {
    id: person.id,
    first_name: person.individual.first_name,
    middle_name: person.individual.middle_name,
    last_name: person.individual.last_name,
    manager: person.employment.manager,
    department: person.employment.department,
    is_active: person.employment.is_active,
  };
}

export function individualBody(person: Person, includeSsn: boolean) {
  return { id: person.id, ...person.individual, ssn: includeSsn ? person.individual.ssn : null };
}

export function employmentBody(person: Person, assisted: boolean) {
  return {
    id: person.id,
    first_name: person.individual.first_name,
    middle_name: person.individual.middle_name,
    last_name: person.individual.last_name,
    ...person.employment,
    // Assisted integrations do not carry custom fields.
    custom_fields: assisted ? null : person.employment.custom_fields,
  };
}
