/**
 * Operations preloaded as GraphiQL tabs, so that someone on an offline government network can explore
 * the federated API without any other documentation at hand. The comments inside each query are what
 * the user actually reads, hence bilingual.
 */

export interface ExampleOperation {
  title: string;
  query: string;
}

export const EXAMPLE_OPERATIONS: ExampleOperation[] = [
  {
    title: '全市数据目录关键词搜索',
    query: `# ── 如何获取令牌 / How to get a token ──
# 1. 在网关所在机器执行 / On the gateway host run:
#      npm run token -- --org <orgId> --roles AGENCY
#    命令会打印一个 JWT / It prints a JWT.
# 2. 在下方 Headers 面板填入
#    / Paste into the Headers pane below:
#      {"Authorization": "Bearer <token>"}
#    每个标签页的 Headers 各自独立
#    / Each tab keeps its own headers.
# 匿名调用只能看到开放数据
# / Anonymous callers only see open data.
#
# 全市数据目录关键词搜索：在丽水市及所有区县
# （跨所有节点）查找含“企业”的数据资源，
# 返回总数和分页信息。总数在上限内精确，超过时为
# 估计值（totalCountIsExact 为 false）；要精确数
# 请加 exactCount: true。
# City-wide keyword search: resources mentioning
# "企业" (enterprise) in Lishui and all its
# districts and counties, across every node,
# with the total count and paging info. The count
# is exact up to a bound and an estimate beyond
# (totalCountIsExact: false); add exactCount: true
# for the exact number.
query SearchCatalog {
  dataResources(
    scope: { regionCode: "331100", includeSubRegions: true }
    filter: { keyword: "企业" }
    first: 10
  ) {
    totalCount
    totalCountIsExact
    edges {
      node {
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
    }
    pageInfo { hasNextPage endCursor }
    # 分面计数：按库、共享属性、区划统计全部命中结果
    # Facet counts over all matches, not just this page
    facets {
      countsAreExact
      library { value count }
      shareAttribute { value count }
      region { value count region { name } }
    }
  }
}
`,
  },
  {
    title: '跨四个子图的资源全景',
    query: `# 跨四个子图的资源全景，一次请求同时取到：
#   目录：资源、数据项、提供部门
#   共享：申请/授权次数
#   开放：对应的开放数据集
#   授权运营：提供部门的授权运营主体
# One request joining all four subgraphs:
#   catalog: resource, items, provider
#   sharing: request and grant counts
#   opening: the matching open dataset
#   operation: the provider's authorized operator
query ResourceOverview {
  dataResources(scope: { regionCode: "331100", includeSubRegions: true }, first: 3) {
    edges {
      node {
        id
        name
        securityGrade
        updateFrequency
        items { name dataType personalInfo }
        provider {
          id
          name
          creditCode
          region { code name }
          # 授权运营子图 / operation subgraph
          operator { id status termEnd }
        }
        # 共享子图 / sharing subgraph
        sharing { requestCount grantedCount }
        # 开放子图 / opening subgraph
        openDataset { id title }
      }
    }
  }
}
`,
  },
  {
    title: '开放数据门户（公众）',
    query: `# 开放数据门户：公众无需令牌即可浏览、提意见、
# 凭回执查看进度；清空 Headers 即以匿名身份访问。
# 申请受限开放数据须先登记为利用主体，再用
#   npm run token -- --roles USER --region 331100 --account <登记返回的id>
# 取得令牌。左侧“运行”按钮可选择要执行的操作。
# The open-data portal: the public browses, gives
# opinions and follows them by receipt with no token
# (clear the Headers pane). To apply for RESTRICTED
# data, register as a user, then mint a USER token
# with --account <the id registration returned>.
# The run button lets you pick the operation.

# 1. 浏览全市开放目录（受限开放数据须申请，且不提供下载）
#    Browse the city's open catalog (RESTRICTED data
#    needs an application and is never downloadable)
query BrowseOpenCatalog {
  openDatasets(scope: { regionCode: "331100", includeSubRegions: true }, first: 10) {
    totalCount
    edges {
      node {
        id
        title
        openAttribute
        dataType
        priorityDomain
        free
        offers { method free freeFor agreementRequired resultReview }
        provider { name }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
  # 谁持有受限开放数据（向社会公开）/ who holds restricted data (public)
  restrictedOpenDataHolders(first: 10) {
    edges { node { holderName holderKind termEnd dataset { title } } }
  }
}

# 2. 提意见（变量 {"id": "<数据集id>"}）；请保存返回的 receiptToken
#    Give an opinion (variables {"id": "<dataset id>"});
#    keep the receiptToken it returns
mutation GiveOpinion($id: ID!) {
  fileOpenDataOpinion(id: $id, input: { kind: ERRORS_OR_OMISSIONS, content: "缺少部分乡镇的记录" }) {
    id
    dueDate
    receiptToken
  }
}

# 3. 凭回执查看处理进度 / follow it by its receipt
query FollowOpinion($id: ID!, $receiptToken: String!) {
  openDataOpinion(id: $id, receiptToken: $receiptToken) {
    status
    dueDate
    overdue
    answer
    answeredAt
  }
}

# 4. 登记为利用主体（自然人用公民身份号码，法人用统一社会信用代码）
#    Register as a user of open data (a citizen ID
#    for a person, a credit code for an organization)
mutation Register($idNumber: String!) {
  registerOpenDataUser(input: { regionCode: "331100", name: "张三", kind: NATURAL_PERSON, idNumber: $idNumber, contact: "13905780000" }) {
    id
    identifierMasked
  }
}

# 5. 以 USER 令牌申请受限开放数据 / apply, with a USER token
mutation Apply($id: ID!) {
  applyForOpenData(
    id: $id
    input: {
      scenario: "交通出行研究：分析早晚高峰公交客流"
      storageCapability: "本单位机房，数据加密存储"
      processingCapability: "专职数据分析人员3名"
      securityCapability: "访问控制、操作审计、等级保护三级"
      creditLevel: A
    }
  ) {
    id
    status
  }
}

# 6. 我的申请和协议 / my applications and agreements
query MyApplications {
  openDataApplications(first: 20) {
    edges {
      node {
        id
        status
        rejectionReason
        dataset { title }
        agreement { id status termEnd clauses { kind text } }
      }
    }
  }
}
`,
  },
  {
    title: '莲都区数据目录',
    query: `# 莲都区（331102）本级数据目录，不含下级区域。
# overdue：超过更新周期未报送数据更新；
# oneSourceFlags：重复采集了权威来源已有的信息项
# （一数一源），例如莲都区农村土地承包经营权信息。
# The catalog of Liandu District (331102) itself,
# without sub-regions. overdue: no data update
# reported within the update frequency;
# oneSourceFlags: items collected again although an
# authoritative source provides them (one data,
# one source).
query DistrictCatalog {
  dataResources(scope: { regionCode: "331102", includeSubRegions: false }, first: 60) {
    totalCount
    edges {
      node {
        id
        name
        code
        shareAttribute
        openAttribute
        updateFrequency
        overdue
        provider { name }
        oneSourceFlags {
          itemName
          sourceResource { name provider { name } }
        }
      }
    }
  }
}
`,
  },
  {
    title: '分页浏览目录',
    query: `# 分页：先不带变量运行，得到第一页；
# 再把返回的 pageInfo.endCursor 填入 Variables 面板，
#   {"after": "<endCursor>"}
# 再次运行得到下一页，直到 hasNextPage 为 false。
# 游标只能用于同一查询（除 first、after 外参数相同）。
# 目录条目、机构、共享申请、开放数据集和授权运营主体
# 可凭 ID 再次获取：{ node(id: "<id>") { id } }
# Paging: run once without variables for the first
# page, then put the returned pageInfo.endCursor
# into the Variables pane as shown above and run
# again for the next page, until hasNextPage is false.
# A cursor pages only the query it came from (the
# same arguments but first and after). Any object
# can be fetched again by its ID alone:
#   { node(id: "<id>") { id } }
query CatalogPage($after: String) {
  dataResources(scope: { regionCode: "331100", includeSubRegions: true }, first: 5, after: $after) {
    totalCount
    edges {
      cursor
      node { id name }
    }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}
`,
  },
  {
    title: '目录审核与逾期（数据主管部门）',
    query: `# 数据主管部门的工作台（默认令牌即丽水市数据主管部门）：
#   catalogReviewQueue：待审核的新条目和已发布条目的修改，
#     审核用 publishDataResource / returnDataResource(comment)；
#   overdueCatalogByAgency：各部门超过更新周期未报送更新的条目数。
# The data authority's desk (the default token is
# Lishui's authority): entries and changes awaiting
# review (approve with publishDataResource, return
# with returnDataResource and a comment), and each
# agency's entries overdue for a data update.
query AuthorityDesk {
  catalogReviewQueue(scope: { regionCode: "331100", includeSubRegions: true }, first: 10) {
    totalCount
    edges {
      node {
        id
        name
        status
        provider { name }
        # 已发布条目的待审修改 / a pending change of a published entry
        pendingRevision { status changes { field before after } }
        # 谁在何时做了什么 / who did what, when
        history { number action actorSub createdAt comment }
      }
    }
  }
  overdueCatalogByAgency(scope: { regionCode: "331100", includeSubRegions: true }) {
    provider { name region { name } }
    overdueCount
    oldestDueAt
  }
}
`,
  },
  {
    title: '提供部门共享工作台',
    query: `# 提供部门共享工作台（需要 AGENCY 角色的令牌，
# --org 为提供部门，如丽水市市场监督管理局）。
# A provider's desk (an AGENCY token whose --org is
# the providing agency, e.g. 丽水市市场监督管理局).
#
#   待审核：收到的待决定申请，
#     用 approveShareRequest 批准（可缩减信息项）或
#     rejectShareRequest 驳回
#   授权：已批准的授权及其当前状态（grantState）
#   疑义数据：待校核的反馈及校核期限（dueDate）
#   负面清单：本部门不予共享的数据及法律依据
#   Pending: requests to decide (approveShareRequest,
#     optionally narrowing, or rejectShareRequest)
#   Grants: what was granted and its state now
#   Doubtful data: reports to verify, with due dates
#   Negative list: what you do not share, and why
query ProviderDesk {
  pending: shareRequests(status: PENDING, first: 20) {
    totalCount
    edges {
      node {
        id
        scenario
        purpose
        legalDuty
        requestedItemNames
        itemJustifications { itemName justification }
        decisionRule
        authorityApprovalRequired
        endDate
        requester { name }
        resource { name }
      }
    }
  }
  grants: shareRequests(status: GRANTED, first: 20) {
    totalCount
    edges {
      node {
        id
        scenario
        itemNames
        endDate
        grantState
        requester { name }
        resource { name }
        feedback { periodEndDate useCount purposeFulfilled }
      }
    }
  }
  suspended: shareRequests(status: SUSPENDED, first: 20) {
    edges {
      node { id suspensionReason rectificationDemand rectificationDeadline requester { name } }
    }
  }
  openVerifications: dataVerifications(filter: { status: OPEN }, first: 20) {
    totalCount
    edges {
      node {
        id
        itemNames
        description
        dueDate
        deadlineWorkingDays
        overdue
        requester { name }
        resource { name }
      }
    }
  }
  negativeList(first: 20) {
    totalCount
    edges { node { id dataName itemNames legalBasis resource { name } } }
  }
}
`,
  },
  {
    title: '全市共享协调（数据主管部门）',
    query: `# 全市共享协调（需要 AUTHORITY 角色、区划 331100
# 的令牌：npm run token -- --roles AUTHORITY --region 331100）。
# The city's coordination desk (an AUTHORITY token for
# region 331100).
#
#   协调队列：跨平台申请、核心重要数据、批量复制、
#     离线共享和不予共享数据的协调，跨所有平台合并
#   拒绝记录：驳回负面清单外数据的申请，待审查
#   超期校核：超过校核期限仍未校核的疑义数据
#   负面清单：全部平台汇总为一个列表
#   Queue: cross-platform requests, CORE/IMPORTANT
#     data, bulk copy, offline and NOT_SHARED
#     escalations, merged across every platform
#   Violations: rejections of data not on a negative
#     list, to review
#   Overdue: doubtful-data reports past their due date
#   Negative list: every platform's, as one list
query CityCoordination {
  shareCoordinationQueue(scope: { regionCode: "331100", includeSubRegions: true }, first: 20) {
    totalCount
    edges {
      node {
        id
        scenario
        decisionRule
        crossNode
        escalationReason
        shareMode
        requestedItemNames
        requester { name }
        provider { name }
        resource { name securityGrade shareAttribute }
      }
    }
  }
  shareViolations(reviewed: false, scope: { regionCode: "331100", includeSubRegions: true }, first: 20) {
    totalCount
    edges {
      node { id kind reason createdAt provider { name } requester { name } shareRequest { scenario } }
    }
  }
  overdue: dataVerifications(filter: { overdue: true }, scope: { regionCode: "331100", includeSubRegions: true }, first: 20) {
    totalCount
    edges {
      node { id dueDate description provider { name } requester { name } resource { name } }
    }
  }
  negativeList(scope: { regionCode: "331100", includeSubRegions: true }, first: 20) {
    totalCount
    edges { node { dataName itemNames legalBasis provider { name } } }
  }
}
`,
  },
  {
    title: '提交数据共享申请',
    query: `# 提交数据共享申请（需要 AGENCY 角色的令牌）。
# Submit a data-sharing request
# (needs a token with the AGENCY role).
#
# 运行前替换占位 ID / Replace the placeholder IDs:
#   resourceId：目标数据资源的 id，
#     可从第一个标签页的搜索结果中复制；
#     the wanted resource's id, e.g. copied from
#     the search results of the first tab.
#   requesterId：本部门的 id，即生成令牌时 --org 的值；
#     your organization's id, i.e. the --org value
#     used when generating the token.
# ID 形如 / IDs look like "331102:01J…"
#   （区划代码:ULID / region code:ULID）
mutation RequestShare {
  requestShare(
    input: {
      resourceId: "331102:REPLACE-WITH-RESOURCE-ID"
      requesterId: "331102:REPLACE-WITH-YOUR-ORG-ID"
      scenario: "企业开办一件事"
      purpose: "核验申请企业的登记信息"
      legalDuty: "《优化营商环境条例》规定的企业开办服务职责"
      itemNames: ["统一社会信用代码", "企业名称"]
      itemJustifications: [
        { itemName: "统一社会信用代码", justification: "按信用代码匹配申请企业" }
      ]
      endDate: "2026-12-31"
    }
  ) {
    id
    status
    decisionRule
    authorityApprovalRequired
  }
}
`,
  },
  {
    title: '开放主体工作台（部门）',
    query: `# 开放主体工作台（需要 AGENCY 角色的令牌，--org 为开放主体，
# 如丽水市交通运输局）。
# An opening agency's desk (an AGENCY token whose --org
# is the agency opening the data).
#
#   待审核提议：本部门提出、等待数据主管部门审核的开放提议
#   意见建议：待处理（10个工作日内）及超期的
#   申请：待决定的受限开放申请（approveOpenDataApplication
#     生成协议，或 rejectOpenDataApplication 说明非歧视性理由）
#   投诉：中止开放待核实的侵权投诉
#   需求：向本部门提出的目录外数据需求
#   Proposals awaiting the authority, opinions to
#   answer within 10 working days (overdue flagged),
#   applications to decide, complaints to verify and
#   demands to assess.
query OpenDataDesk($year: Int! = 2026) {
  proposals: openDatasets(awaitingReview: true, first: 20) {
    edges { node { id title status proposal { kind status } } }
  }
  opinions: openDataOpinions(filter: { status: OPEN }, first: 20) {
    totalCount
    edges { node { id kind content channel receivedOn dueDate overdue dataset { title } } }
  }
  applications: openDataApplications(status: PENDING, first: 20) {
    totalCount
    edges {
      node {
        id
        applicantName
        applicantKind
        scenario
        storageCapability
        processingCapability
        securityCapability
        creditLevel
        dataset { title }
      }
    }
  }
  complaints: openDataComplaints(status: FILED, first: 20) {
    edges { node { id infringes description source dataset { title status } } }
  }
  demands: openDataDemands(filter: { status: OPEN }, first: 20) {
    edges { node { id description purpose dueDate overdue } }
  }
  plans: openDataPlans(year: $year, first: 5) {
    edges { node { year revision delivery { plannedCount deliveredCount overdueCount } } }
  }
}
`,
  },
  {
    title: '运营主体工作台',
    query: `# 授权运营主体工作台（需要 OPERATOR 角色的令牌，
# --org 为运营主体所属企业，--account 为其授权记录ID：
#   npm run token -- --roles OPERATOR --org <orgId> --account <operatorId>）。
# 授权被暂停、撤销或逾期未整改时，网关拒绝该令牌的一切请求。
# An operator's workbench (an OPERATOR token: --org its
# enterprise, --account its authorization record). From
# a suspension or revocation on, the gateway refuses
# every call with its tokens.
#
#   授权：本主体的数据使用申请（一场景一授权）及其效力
#   报告：到期未报的定期和年度报告
#   治理需求：本主体反馈的数据质量问题及答复
#   Authorizations (one per scenario) and where each
#   stands; reports owed; governance feedback filed.
query OperatorWorkbench($operatorId: ID!) {
  operator(id: $operatorId) {
    agreementNo
    termStart
    termEnd
    status
    rectifyBy
    accessEndedOn
    sanctions { violations rectification rectifyBy }
  }
  operationAuthorizations(filter: { operatorId: $operatorId }, first: 20) {
    edges {
      node {
        id
        scenarioName
        status
        standing
        endedOn
        reReviewDeadline { dueDate overdue }
        confirmationDeadline { dueDate overdue }
        grantedEntries { resourceId items }
      }
    }
  }
  missingOperatorReports(operatorId: $operatorId) { kind period periodStart periodEnd dueDate }
  operatorStaff(operatorId: $operatorId, first: 20) {
    edges { node { id name citizenIdMasked role status } }
  }
  operationDataTransfers(filter: { operatorId: $operatorId }, first: 20) {
    edges { node { id direction description status decisionReason } }
  }
  governanceFeedbackItems(first: 20) {
    edges { node { id itemNames description status dueDate overdue answer resource { name } } }
  }
}
`,
  },
  {
    title: '授权运营审核台（数据主管部门）',
    query: `# 授权运营审核台（需要 AUTHORITY 角色、区划 331100 的令牌）。
# The authority's operation review desk (an AUTHORITY
# token for region 331100).
#
#   复审：服务中心初审通过、待复审的申请（5个工作日）
#   超期：复审或提供单位确认超过期限的申请（跨平台合并）
#   报告：各运营主体到期未报的报告
#   治理需求：超期未答复的数据治理需求
#   导入导出：待审核的外部数据导入和结果数据导出
#   被暂停的运营主体及整改期限
#   Re-reviews due within 5 working days, steps past
#   their deadlines on every node, missing reports,
#   overdue governance feedback, imports and exports
#   to decide, suspended operators.
query OperationReviewDesk {
  toReReview: operationAuthorizations(filter: { status: FIRST_REVIEWED }, first: 20) {
    edges {
      node {
        id
        scenarioName
        priorityDomain
        value
        operator { agreementNo organization { name } }
        reReviewDeadline { dueDate overdue }
        entries { entryName items { name reason } }
      }
    }
  }
  overdue: operationAuthorizations(filter: { overdue: true }, first: 20) {
    totalCount
    edges { node { id scenarioName status reReviewDeadline { dueDate } confirmationDeadline { dueDate } } }
  }
  missingOperatorReports { operator { agreementNo } kind period dueDate }
  overdueFeedback: governanceFeedbackItems(filter: { overdue: true }, first: 20) {
    edges { node { id description dueDate provider { name } resource { name } } }
  }
  transfers: operationDataTransfers(filter: { status: PENDING }, first: 20) {
    edges { node { id direction description purpose source operatorId } }
  }
  suspended: operators(status: SUSPENDED, first: 20) {
    edges { node { id agreementNo rectifyBy organization { name } } }
  }
}
`,
  },
  {
    title: '通过共享授权读取记录（部门）',
    query: `# 通过共享授权读取数据资源的记录（需要被授权部门的
# AGENCY 令牌）。演示数据中，丽水市人力资源和社会保障局
# 持有“企业登记信息”（3000条记录）的授权。
# A grantee reads an entry's records through its
# grant (an AGENCY token of the grantee). In the demo,
# 丽水市人力资源和社会保障局 holds a grant on
# 企业登记信息 (3,000 records).
#
# 1. 用默认令牌（数据主管部门）运行 Grants，
#    复制授权的 resource.id、requester.id 和 scenario
#    With the default (authority) token run Grants;
#    copy the grant's resource.id, requester.id and
#    scenario.
# 2. 以被授权部门身份生成令牌并填入 Headers
#    / Mint the grantee's token, paste it in Headers:
#      npm run token -- --roles AGENCY --region 331100 --org <requester.id>
# 3. 在 Variables 面板填入后运行 ReadThroughGrant
#    / Put them in the Variables pane, run ReadThroughGrant:
#      {"id": "<resource.id>", "organizationId": "<requester.id>",
#       "scenario": "一网通办：企业开办“一件事”联办"}
# 只返回授权覆盖的信息项；未授权的个人信息项
# （法定代表人）脱敏返回（masked: true）；每次读取
# 记入审计日志和授权的使用次数。翻页：把
# pageInfo.endCursor 作为 "after" 加入变量。
# Only granted items are served; a personal item the
# grant does not name (法定代表人) comes masked;
# every read is audited and counted against the
# grant. Next page: add "after": <endCursor>.
query Grants {
  shareRequests(status: GRANTED, first: 20) {
    edges {
      node {
        id
        scenario
        itemNames
        grantState
        requester { id name }
        resource { id name }
      }
    }
  }
}

query ReadThroughGrant($id: ID!, $organizationId: ID!, $scenario: String!, $after: String) {
  entryRecords(
    id: $id
    organizationId: $organizationId
    scenario: $scenario
    items: ["统一社会信用代码", "企业名称", "登记状态", "法定代表人"]
    filter: [{ item: "登记状态", eq: "存续" }]
    first: 20
    after: $after
  ) {
    grantId
    columns { name dataType personalInfo masked }
    edges { node { version rowNo values { item value masked } } }
    pageInfo { hasNextPage endCursor }
  }
}
`,
  },
  {
    title: '开放数据下载与接口（公众）',
    query: `# 无条件开放的数据集：无需令牌即可下载和按接口读取
# （清空 Headers 即以匿名身份访问）。
# UNCONDITIONAL open data: download it or read it by
# API with no token (clear the Headers pane).
#
# 1. 运行 Downloadable，列出可下载的数据集及其 id。
#    演示数据中有记录的：丽水市城市公交站点、
#    丽水市环境空气质量实时监测、莲都区公共停车场实时泊位。
#    Run Downloadable for the downloadable datasets and
#    their ids. In the demo these have records:
#    丽水市城市公交站点, 丽水市环境空气质量实时监测,
#    莲都区公共停车场实时泊位.
# 2. 下载不是 GraphQL，而是网关上的文件地址（gzip 压缩，
#    --compressed 让 curl 解压）：
#    A download is a file on the gateway, not GraphQL
#    (gzip; --compressed makes curl inflate it):
#      curl --compressed -o stops.csv localhost:4000/data/open/<id>.csv
#      curl --compressed -o stops.json localhost:4000/data/open/<id>.json
#    受限开放数据不提供下载（403）。
#    RESTRICTED data is never downloaded (403).
# 3. 按接口读取：变量 {"id": "<数据集id>"}，运行 OpenRecords；
#    个人信息项从不出现在开放数据中。
#    By API: variables {"id": "<dataset id>"}, run
#    OpenRecords; personal items are never served.
query Downloadable {
  openDatasets(scope: { regionCode: "331100", includeSubRegions: true }, accessMethod: DOWNLOAD, first: 50) {
    totalCount
    edges {
      node {
        id
        title
        openAttribute
        offers { method }
        resource { name provider { name } }
      }
    }
  }
}

query OpenRecords($id: ID!, $after: String) {
  openDatasetRecords(id: $id, first: 20, after: $after) {
    columns { name dataType }
    edges { node { rowNo values { item value } } }
    pageInfo { hasNextPage endCursor }
  }
}
`,
  },
  {
    title: '全市“可用不可见”统计（运营主体）',
    query: `# 全市统计：授权运营主体在授权范围内提交声明式统计
# （不是 SQL），各平台在本地计算部分结果，原始记录不离开
# 平台；丽水市数据主管部门审查批准后，申请人才能读取
# 网关合并的结果（小于最小分组的组被抑制）。
# A city-wide aggregate: an operator submits a
# declarative query (never SQL) within its
# authorization; each node computes its part, raw
# rows never leave it; once the city authority
# approves, the requester reads the merged result
# (groups below the minimum size suppressed).
#
# 1. 用默认令牌（丽水市数据主管部门）运行 Basis：
#    已授权的场景“城区停车诱导与公交接驳”（丽水市公共
#    数据运营有限公司）覆盖莲都区公共停车场信息（莲都区
#    平台，150条记录）和丽水市城市公交线路（市平台）。
#    With the default (authority) token run Basis: the
#    granted scenario covers 莲都区's parking lots (its
#    node, 150 records) and the city's bus routes.
# 2. 以运营主体身份生成令牌 / mint the operator's token:
#      npm run token -- --roles OPERATOR --org <operator.organization.id> --account <operator.id>
#    变量 / variables: {"resourceIds": [<grantedEntries 的
#    两个 resourceId>], "operatorId": "<operator.id>",
#    "staffId": "<operatorStaff 的 id>",
#    "authorizationId": "<授权 id>"}，运行 Submit。
#    两个条目在两个平台，任务范围是全市（331100）。
#    Run Submit: two entries on two nodes, so the run's
#    scope is the city (331100).
# 3. 换回默认令牌，变量 {"id": "<任务 id>"}，运行 Review
#    / back to the default token, run Review.
# 4. 再用运营主体令牌运行 Result / with the operator's
#    token run Result: APPROVED, and the merged count.
query Basis {
  operationAuthorizations(filter: { status: GRANTED }, first: 10) {
    edges {
      node {
        id
        scenarioName
        operator { id agreementNo organization { id name } }
        grantedEntries { resourceId items }
      }
    }
  }
  operatorStaff(first: 10) { edges { node { id name status } } }
}

mutation Submit($resourceIds: [ID!]!, $operatorId: ID!, $staffId: ID!, $authorizationId: ID!) {
  submitAggregateRun(
    input: {
      resourceIds: $resourceIds
      measures: [{ fn: COUNT }]
      purpose: "停车诱导模型：城区停车场与公交线路的规模"
      basis: { operatorId: $operatorId, staffId: $staffId, authorizationId: $authorizationId }
    }
  ) {
    id
    status
    scopeRegion
  }
}

mutation Review($id: ID!) {
  reviewAggregateRun(id: $id, approve: true) { id status }
}

query Result($id: ID!) {
  aggregateRun(id: $id) {
    id
    status
    result {
      minGroupSize
      suppressedGroups
      groups { key count values { fn item value } }
    }
  }
}
`,
  },
];
