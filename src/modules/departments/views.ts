/** What the API answers with: shared by the service that builds it and the web app that shows it. */

export interface CategoryView {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
  retired: boolean;
}

export interface DepartmentView {
  id: string;
  cityId: string;
  code: string;
  nameZh: string;
  nameEn: string;
  handles: string;
  retired: boolean;
  categories: CategoryView[];
}
