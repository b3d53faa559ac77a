// Branded unit types: a Seconds cannot be passed where Pieces is expected without saying so.
declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

export type Seconds = Brand<number, 'Seconds'>;
export type Minutes = Brand<number, 'Minutes'>;
export type Days = Brand<number, 'Days'>;
export type Pieces = Brand<number, 'Pieces'>;
export type PiecesPerDay = Brand<number, 'PiecesPerDay'>;
export type Cards = Brand<number, 'Cards'>;

export const seconds = (n: number) => n as Seconds;
export const minutes = (n: number) => n as Minutes;
export const days = (n: number) => n as Days;
export const pieces = (n: number) => n as Pieces;
export const piecesPerDay = (n: number) => n as PiecesPerDay;
export const cards = (n: number) => n as Cards;

export const minutesToSeconds = (m: Minutes) => seconds(m * 60);
export const secondsToMinutes = (s: Seconds) => minutes(s / 60);
