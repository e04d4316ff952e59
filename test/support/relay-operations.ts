/**
 * Operations of the demo (gateway/playground-examples.ts: the catalog search, the provider's desk,
 * the open datasets) written as a Relay client writes them: each list a `@connection` paged by
 * `first`/`after`, each object a `@refetchable` fragment, which Relay refetches through
 * `Query.node`. Keyed by the file each lives in: relay-compiler names operations after their file.
 */
export const RELAY_SOURCES: Record<string, string> = {
  'CatalogSearch.ts': `import { graphql } from 'relay-runtime';

export const query = graphql\`
  query CatalogSearchQuery($keyword: String) {
    ...CatalogSearch_results @arguments(keyword: $keyword)
  }
\`;

export const results = graphql\`
  fragment CatalogSearch_results on Query
  @refetchable(queryName: "CatalogSearchPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 10 }, cursor: { type: "String" }, keyword: { type: "String" }) {
    dataResources(scope: { regionCode: "331100", includeSubRegions: true }, filter: { keyword: $keyword }, first: $count, after: $cursor)
    @connection(key: "CatalogSearch_dataResources") {
      totalCount
      totalCountIsExact
      edges {
        node {
          id
          ...CatalogSearch_resource
        }
      }
    }
  }
\`;

export const resource = graphql\`
  fragment CatalogSearch_resource on DataResource @refetchable(queryName: "CatalogSearchResourceRefetchQuery") {
    id
    name
    code
    summary
    shareAttribute
    openAttribute
    provider {
      name
      region { code name }
    }
  }
\`;
`,
  'ProviderDesk.ts': `import { graphql } from 'relay-runtime';

export const query = graphql\`
  query ProviderDeskQuery {
    ...ProviderDesk_pending
  }
\`;

export const pending = graphql\`
  fragment ProviderDesk_pending on Query
  @refetchable(queryName: "ProviderDeskPendingPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 20 }, cursor: { type: "String" }) {
    shareRequests(status: GRANTED, first: $count, after: $cursor) @connection(key: "ProviderDesk_shareRequests") {
      totalCount
      edges {
        node {
          id
          ...ProviderDesk_request
        }
      }
    }
  }
\`;

export const request = graphql\`
  fragment ProviderDesk_request on ShareRequest @refetchable(queryName: "ProviderDeskRequestRefetchQuery") {
    id
    scenario
    purpose
    requestedItemNames
    endDate
    status
    requester { name }
    resource { name }
  }
\`;
`,
  'OpenDatasets.ts': `import { graphql } from 'relay-runtime';

export const query = graphql\`
  query OpenDatasetsQuery {
    ...OpenDatasets_list
  }
\`;

export const list = graphql\`
  fragment OpenDatasets_list on Query
  @refetchable(queryName: "OpenDatasetsPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 10 }, cursor: { type: "String" }) {
    openDatasets(scope: { regionCode: "331100", includeSubRegions: true }, first: $count, after: $cursor) @connection(key: "OpenDatasets_openDatasets") {
      edges {
        node {
          id
          ...OpenDatasets_dataset
        }
      }
    }
  }
\`;

export const dataset = graphql\`
  fragment OpenDatasets_dataset on OpenDataset @refetchable(queryName: "OpenDatasetsDatasetRefetchQuery") {
    id
    title
    accessMethods
    resource {
      name
      provider { name }
    }
  }
\`;
`,
};
