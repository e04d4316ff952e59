import { describe, expect, test } from '@jest/globals';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { readFileSync } from 'node:fs';
import { getNamedType, isEnumType, isNonNullType, isObjectType, parse, validate, type GraphQLSchema } from 'graphql';
import { schemaFile } from '../platform/paths.js';
import {
  CATALOG_ORGANIZATION_QUERY,
  catalogFactsQuery,
  catalogResourceQuery,
  ORGANIZATION_SHAPE,
  RESOURCE_SHAPE,
  type CatalogResourceField,
  type SelectionShape,
} from './catalog-client.js';

/** The catalog's published contract, as the gateway composes it. */
const catalog: GraphQLSchema = buildSubgraphSchema(parse(readFileSync(schemaFile('catalog.graphql'), 'utf8')));

const ALL_RESOURCE_FIELDS = Object.keys(RESOURCE_SHAPE.select).filter((f) => f !== 'id') as CatalogResourceField[];

function checkShape<T>(shape: SelectionShape<T>): string[] {
  const type = catalog.getType(shape.type);
  if (!isObjectType(type)) return [`${shape.type} is not an object type of the catalog`];
  const problems: string[] = [];
  for (const name of Object.keys(shape.select) as (keyof T & string)[]) {
    const field = type.getFields()[name];
    if (!field) {
      problems.push(`${shape.type}.${name} does not exist`);
      continue;
    }
    const nullable = shape.nullable.includes(name);
    if (isNonNullType(field.type) === nullable) problems.push(`${shape.type}.${name} is ${field.type} in the SDL but ${nullable ? 'nullable' : 'non-null'} in the client`);
    const values = shape.enums[name];
    const named = getNamedType(field.type);
    if (isEnumType(named) !== Boolean(values)) problems.push(`${shape.type}.${name}: the SDL says ${named.name}, the client ${values ? 'an enum' : 'no enum'}`);
    if (values && isEnumType(named)) {
      const sdl = named
        .getValues()
        .map((v) => v.name)
        .sort();
      if (JSON.stringify(sdl) !== JSON.stringify([...values].sort()))
        problems.push(`${shape.type}.${name}: the SDL allows ${sdl.join(', ')}, the client ${[...values].join(', ')}`);
    }
  }
  return problems;
}

describe("the typed catalog client matches the catalog's published schema", () => {
  test('every query document it can send validates against schema/catalog.graphql', () => {
    const documents = [
      catalogResourceQuery([]),
      catalogResourceQuery(ALL_RESOURCE_FIELDS),
      ...ALL_RESOURCE_FIELDS.map((f) => catalogResourceQuery([f])),
      CATALOG_ORGANIZATION_QUERY,
      catalogFactsQuery([]),
      catalogFactsQuery(ALL_RESOURCE_FIELDS),
    ];
    const errors = documents.flatMap((doc) => validate(catalog, parse(doc)).map((e) => `${doc}: ${e.message}`));
    expect(errors).toEqual([]);
  });

  test('the response types say what the SDL says: nullability and enum values of each field', () => {
    expect([...checkShape(RESOURCE_SHAPE), ...checkShape(ORGANIZATION_SHAPE)]).toEqual([]);
  });

  test('a field the catalog does not publish is found', () => {
    const wrong: SelectionShape<{ id: string; grade: string; name: string | null }> = {
      type: 'DataResource',
      select: { id: 'id', grade: 'grade', name: 'name' },
      nullable: ['name'],
      enums: {},
    };
    expect(checkShape(wrong)).toEqual(['DataResource.grade does not exist', 'DataResource.name is String! in the SDL but nullable in the client']);
    expect(validate(catalog, parse('query { dataResource(id: "x") { grade } }')).length).toBeGreaterThan(0);
  });

  test('the resource query always selects the id, and each field once', () => {
    expect(catalogResourceQuery(['status', 'status', 'provider'])).toBe('query CatalogResource($id: ID!) { dataResource(id: $id) { id status provider { id } } }');
  });
});
