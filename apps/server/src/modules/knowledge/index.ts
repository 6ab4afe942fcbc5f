export { KnowledgeService } from './knowledge.service.js';
export { knowledgeRoutes } from './knowledge.routes.js';
export { knowledgeArticles, knowledgeCategories, type KnowledgeArticleRow, type KnowledgeCategoryRow } from './knowledge.schema.js';
export { renderMarkdown } from './markdown.js';
