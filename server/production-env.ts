/**
 * Imported first by the entry points: the server runs in production mode unless told otherwise
 * (NODE_ENV=development), and graphql-js reads NODE_ENV once, when it loads, to choose between a
 * plain `instanceof` and a development check that costs microseconds on every field of every
 * response — a third of the time of a neighbourhood of 3,000 relations.
 */
if (process.env.NODE_ENV === undefined) process.env.NODE_ENV = "production";

export {};
