import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../platform/http/access.js';
import { errors, IdParams, Text, Uuid } from '../../platform/http/schemas.js';
import { createCategory, createDepartment, listDepartments, loadDefaultCatalog, updateCategory, updateDepartment } from './service.js';

const Code = Type.String({ minLength: 2, maxLength: 40, description: 'lower-case letters, digits and hyphens' });
const Category = Type.Object({ id: Uuid, code: Type.String(), nameZh: Type.String(), nameEn: Type.String(), retired: Type.Boolean() });
const Department = Type.Object({
  id: Uuid,
  cityId: Uuid,
  code: Type.String(),
  nameZh: Type.String(),
  nameEn: Type.String(),
  handles: Type.String(),
  retired: Type.Boolean(),
  categories: Type.Array(Category),
});
const DepartmentOut = Type.Object({ department: Department });
const Names = { nameZh: Text(100), nameEn: Text(200) };

/**
 * The departments of each city's one-number line and the categories they take. Reading is
 * public (a resident's report form lists them); the catalog is kept by the city's administrators.
 */
export const departmentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { deps } = app;
  const tags = ['departments'];
  const write = { access: { permission: 'catalog.write' as const } };

  app.get(
    '/api/departments',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Departments with their categories, of one city or of all',
        querystring: Type.Object({ cityId: Type.Optional(Uuid), includeRetired: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(Department) }), ...errors(400) },
      },
    },
    async (request) => ({ items: await listDepartments(deps, request.query) }),
  );

  app.post(
    '/api/departments/load-defaults',
    {
      config: write,
      schema: {
        tags,
        summary: 'Add the default catalog’s departments and categories that a city lacks (what it changed stays)',
        body: Type.Object({ cityId: Uuid }, { additionalProperties: false }),
        response: { 200: Type.Object({ departments: Type.Integer(), categories: Type.Integer() }), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => loadDefaultCatalog(ctxOf(request, deps), request.body.cityId),
  );

  app.post(
    '/api/departments',
    {
      config: write,
      schema: {
        tags,
        summary: 'Add a department to a city',
        body: Type.Object({ cityId: Uuid, code: Code, ...Names, handles: Type.Optional(Text(1000, 0)) }, { additionalProperties: false }),
        response: { 201: DepartmentOut, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.status(201).send({ department: await createDepartment(ctxOf(request, deps), request.body) }),
  );

  app.patch(
    '/api/departments/:id',
    {
      config: write,
      schema: {
        tags,
        summary: 'Rename a department, change what it handles, retire or restore it',
        params: IdParams,
        body: Type.Partial(Type.Object({ ...Names, handles: Text(1000, 0), retired: Type.Boolean() }), { additionalProperties: false, minProperties: 1 }),
        response: { 200: DepartmentOut, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => ({ department: await updateDepartment(ctxOf(request, deps), request.params.id, request.body) }),
  );

  app.post(
    '/api/departments/:id/categories',
    {
      config: write,
      schema: {
        tags,
        summary: 'Add a category to a department',
        params: IdParams,
        body: Type.Object({ code: Code, ...Names }, { additionalProperties: false }),
        response: { 201: DepartmentOut, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.status(201).send({ department: await createCategory(ctxOf(request, deps), request.params.id, request.body) }),
  );

  app.patch(
    '/api/categories/:id',
    {
      config: write,
      schema: {
        tags,
        summary: 'Rename, retire or restore a category',
        params: IdParams,
        body: Type.Partial(Type.Object({ ...Names, retired: Type.Boolean() }), { additionalProperties: false, minProperties: 1 }),
        response: { 200: DepartmentOut, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => ({ department: await updateCategory(ctxOf(request, deps), request.params.id, request.body) }),
  );
};
