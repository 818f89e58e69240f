/// <reference path="./.sst/platform/config.d.ts" />

export default $config({
  app(input) {
    return {
      name: "peakplan",
      home: "aws",
      removal: input?.stage === "production" ? "retain" : "remove",
    };
  },
  async run() {
    const { table } = await import("./infra/table");
    const { createApi } = await import("./infra/api");
    const { api } = createApi(table);
    return {
      apiUrl: api.url,
      tableName: table.name,
    };
  },
});
