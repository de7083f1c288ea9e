import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errors, Nullable, Text } from '../../platform/http/schemas.js';
import { suggestDepartment } from './routing.js';

const Confidence = Type.Number({ minimum: 0, maximum: 1 });

/** The one-number line's requests. So far: suggesting the department while a resident types. */
export const caseRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/cases/classify',
    {
      // Open to anyone, so the report form can suggest while the resident types; limited per address.
      config: { access: 'public', rateLimit: { max: 120, timeWindow: 60_000 } },
      schema: {
        tags: ['cases'],
        summary: 'The department (and category) a request’s text most likely belongs to, with alternatives',
        body: Type.Object({ text: Text(2000) }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            department: Type.String(),
            category: Nullable(Type.String()),
            confidence: Confidence,
            alternatives: Type.Array(Type.Object({ department: Type.String(), confidence: Confidence })),
          }),
          ...errors(400, 429),
        },
      },
    },
    async (request) => suggestDepartment(request.body.text),
  );
};
