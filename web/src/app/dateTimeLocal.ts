/** A moment as a datetime-local field shows it: minutes, in the browser's time zone. */
export const dateTimeLocal = (at: Date | string): string => {
  const d = new Date(at);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};
