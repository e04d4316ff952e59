import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * The catalog owns `Organization`; this subgraph only knows its key and contributes `operator`
 * (operator.resolver.ts). Never stored here: the catalog is the registry of organizations.
 */
@Directive('@key(fields: "id")')
@ObjectType('Organization', { description: '机构（由目录子图维护）/ an organization (owned by the catalog subgraph)' })
export class Organization {
  @Field(() => ID, { description: '全局ID / global ID' })
  id!: string;
}
