import { z } from 'zod';

/** Pieces shared by the job schema and the connections schema. */

export const apiVersionSchema = z
  .string()
  .regex(/^\d{2,3}\.0$/, { error: 'apiVersion is a Salesforce REST API version such as "62.0".' })
  .meta({
    description: 'Salesforce REST API version, e.g. "62.0".',
    markdownDescription: 'Salesforce REST API version, written `"NN.0"` (e.g. `"62.0"`).',
    examples: ['62.0'],
    patternErrorMessage: 'Write the API version as "NN.0", e.g. "62.0".',
  });

/** A relative path, resolved against the folder of the file that holds it. */
export const relativePathSchema = z.string().min(1, { error: 'A path may not be empty.' });

export const fileRefSchema = z
  .strictObject({
    file: relativePathSchema.meta({ description: 'A rule file, relative to the job file: a regular file inside the workspace, at most 1 MB.' }),
  })
  .meta({ description: 'Rules kept in a separate file, relative to the job file.' });
