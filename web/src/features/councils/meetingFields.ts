/** The choices a meeting's forms offer, as the server takes them. */
export const FORMS = ['democracy_day', 'topical', 'festive'] as const;
export const MODES = ['face_to_face', 'online', 'both'] as const;
export const GUEST_KINDS = ['representative', 'resident', 'official'] as const;

/** Agenda items and guests are typed one per line, as an office clerk writes a notice. */
export const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
